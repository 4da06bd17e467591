#!/usr/bin/env bash
# Runs `./hebb microcircuit` once per scale, each in a fresh JVM, into out/microcircuit/<background>-scale<S>-t<T>-seed<N>,
# and collects each run's result.json as one object of the array in benchmarks/results/microcircuit.json (replacing
# an earlier object of the same scale, background, backend, threads and seed). With --brian2, Brian2's C++ standalone
# version (benchmarks/brian2/microcircuit_brian2.py, one thread) runs right after each Hebb run, and its time per
# biological second, rates and irregularity go into the same object (brian2_seconds_per_bio_second, the main loop's
# wall time as Hebb's; brian2_cpu_seconds_per_bio_second, Brian2's own CPU-time figure; brian2_rates_hz,
# brian2_cv_isi).
# Usage: benchmarks/microcircuit.sh [--background poisson|dc] [--threads T] [--seed S] [--heap 6g] [--brian2] scale...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
background=poisson threads=1 seed=1 heap=6g brian2=no scales=()
while [ $# -gt 0 ]; do
  case "$1" in
    --background) background="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --brian2) brian2=yes; shift ;;
    *) scales+=("$1"); shift ;;
  esac
done
[ ${#scales[@]} -gt 0 ] || { echo "usage: $0 [--background poisson|dc] [--threads T] [--seed S] [--heap 6g] [--brian2] scale..." >&2; exit 2; }
mvn -B -ntp -q -f "$root/pom.xml" install -DskipTests
results="$root/benchmarks/results/microcircuit.json"
for scale in "${scales[@]}"; do
  out="$root/out/microcircuit/$background-scale$scale-t$threads-seed$seed"
  JDK_JAVA_OPTIONS="-Xmx$heap" "$root/hebb" microcircuit --scale "$scale" --background "$background" \
    --threads "$threads" --seed "$seed" --out "$out"
  if [ "$brian2" = yes ]; then
    # Written beside brian2.json and moved over it only on success: a failed run keeps the earlier result.
    partial="$out/brian2.json.$$.partial"
    if /usr/bin/python3 "$root/benchmarks/brian2/microcircuit_brian2.py" --scale "$scale" \
        --background "$background" --seed "$seed" | tail -1 > "$partial" && [ -s "$partial" ]; then
      mv -f "$partial" "$out/brian2.json"
    else
      rm -f "$partial"
      echo "$0: Brian2 failed at scale $scale; $out/brian2.json is left as it was" >&2
      exit 1
    fi
  else
    rm -f "$out/brian2.json"
  fi
  /usr/bin/python3 "$root/benchmarks/microcircuit_merge.py" "$results" "$out/result.json" "$out/brian2.json"
done
echo "written $results"
