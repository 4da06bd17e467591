"""Merges one microcircuit run (result.json, and brian2.json when Brian2 ran beside it) into the array of runs in
benchmarks/results/microcircuit.json, replacing an earlier run of the same scale, background, backend, threads and
seed. Usage: python3 microcircuit_merge.py RESULTS_JSON RUN_RESULT_JSON [BRIAN2_JSON]"""
import json
import os
import sys

results, run = sys.argv[1], json.load(open(sys.argv[2]))
if len(sys.argv) > 3 and os.path.exists(sys.argv[3]):
    brian2 = json.load(open(sys.argv[3]))
    # wall time, as Hebb's hebb_seconds_per_bio_second; Brian2's own std::clock() CPU time beside it
    run["brian2_seconds_per_bio_second"] = brian2["seconds_per_bio_second"]
    run["brian2_cpu_seconds_per_bio_second"] = brian2["cpu_seconds_per_bio_second"]
    run["brian2_rates_hz"] = brian2["rates_hz"]
    run["brian2_cv_isi"] = brian2["cv_isi"]
runs = json.load(open(results)) if os.path.exists(results) else []
key = lambda r: (r["scale"], r["background"], r["backend"], r["threads"], r["seed"])
runs = [r for r in runs if key(r) != key(run)] + [run]
runs.sort(key=key)
tmp = results + ".tmp"
with open(tmp, "w") as f:
    json.dump(runs, f, indent=2)
os.replace(tmp, results)
