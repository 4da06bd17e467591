#!/usr/bin/python3
"""Brian2's variant of Song, Miller & Abbott (2000) in C++ standalone mode, for comparison with Hebb's
SongMillerAbbott experiment: N Poisson inputs with additive STDP onto one conductance-based LIF neuron.

Prints one JSON object as the last line: main_loop_wall_seconds (the main loop's wall time, the kind of time
Hebb reports; standalone.py), main_loop_cpu_seconds (Brian2's own std::clock() figure for it), output rate over
the first and last tenth, fraction of weights within 10% of either bound, histogram of w / gmax in ten bins.
Run with Debian's python3-brian: /usr/bin/python3 stdp_song_brian2.py --cell brian2 --rate 15 --duration 100
"""
import argparse
import json
import shutil
import sys
import tempfile

try:
    import brian2 as b2
except ImportError:
    sys.exit("Brian2 not found: install Debian's python3-brian and run with /usr/bin/python3")

import standalone

DT_MS = 0.1
CELLS = {"song2000": dict(taum=20, El=-70, gmax=0.015), "brian2": dict(taum=10, El=-74, gmax=0.01)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cell", choices=sorted(CELLS), default="brian2")
    ap.add_argument("--inputs", type=int, default=1000)
    ap.add_argument("--rate", type=float, default=15.0, help="input rate, Hz")
    ap.add_argument("--a-plus", type=float, default=0.01, help="potentiation, fraction of gmax")
    ap.add_argument("--duration", type=float, default=100.0, help="seconds")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    cell = CELLS[args.cell]
    build_dir = tempfile.mkdtemp(prefix="stdp_song_brian2_")
    b2.set_device("cpp_standalone", directory=build_dir, build_on_run=True)
    standalone.prepare(b2.device)
    b2.defaultclock.dt = DT_MS * b2.ms
    b2.seed(args.seed)
    ms, mV = b2.ms, b2.mV
    gmax = cell["gmax"]
    ns = dict(taum=cell["taum"] * ms, El=cell["El"] * mV, Ee=0 * mV, vt=-54 * mV, vr=-60 * mV,
              taue=standalone.euler_time_constant(5, DT_MS) * ms,
              taupre=20 * ms, taupost=20 * ms, gmax=gmax, dApre=args.a_plus * gmax,
              dApost=-args.a_plus * 1.05 * gmax)
    inputs = b2.PoissonGroup(args.inputs, rates=args.rate * b2.Hz)
    neuron = b2.NeuronGroup(1, """dv/dt = (ge * (Ee - v) + El - v) / taum : volt
                                  dge/dt = -ge / taue : 1""",
                            threshold="v > vt", reset="v = vr", method="euler", namespace=ns)
    neuron.v = cell["El"] * mV
    S = b2.Synapses(inputs, neuron, """w : 1
                    dApre/dt = -Apre / taupre : 1 (event-driven)
                    dApost/dt = -Apost / taupost : 1 (event-driven)""",
                    on_pre="""ge += w
                    Apre += dApre
                    w = clip(w + Apost, 0, gmax)""",
                    on_post="""Apost += dApost
                    w = clip(w + Apre, 0, gmax)""", namespace=ns)
    S.connect()
    S.w = "rand() * gmax"
    spikes = b2.SpikeMonitor(neuron)
    b2.run(args.duration * b2.second)
    w = S.w[:] / gmax
    t = spikes.t[:] / b2.second
    tenth = args.duration / 10
    hist = [int(((w >= k / 10) & (w < (k + 1) / 10 if k < 9 else w <= 1)).sum()) for k in range(10)]
    result = dict(cell=args.cell, inputs=args.inputs, rate_hz=args.rate, a_plus=args.a_plus,
                  duration_s=args.duration, seed=args.seed, brian2_version=b2.__version__,
                  main_loop_wall_seconds=standalone.last_run_wall_seconds(build_dir),
                  main_loop_cpu_seconds=b2.device._last_run_time,
                  output_rate_first_hz=float((t < tenth).sum() / tenth),
                  output_rate_last_hz=float((t >= args.duration - tenth).sum() / tenth),
                  fraction_near_bounds=float(((w <= 0.1) | (w >= 0.9)).mean()),
                  mean_weight=float(w.mean()), histogram=hist)
    shutil.rmtree(build_dir, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
