#!/usr/bin/python3
"""Brette et al. (2007) COBA benchmark in Brian2 (C++ standalone mode).

N leaky integrate-and-fire neurons (80% excitatory, 20% inhibitory) with
conductance-based, exponentially decaying synapses; all four pathways are
random with connection probability 80/N and no self connections. The network
is self-sustained (no external input), started from random V, g_e and g_i.
Conductances are in units of the leak conductance (10 nS), so C = 200 pF
gives tau_m = 20 ms.

Hebb integrates the membrane by Euler (with --method euler) and decays the
conductances exactly, by exp(-dt/tau) a step. Brian2 applies its method to
every equation, so under Euler the conductances are given the time constants
dt / (1 - exp(-dt/tau)), whose Euler step is that exact decay (without this,
1 - dt/tau a step would give each excitatory spike 1% less charge).

What is measured:
  main_loop_wall_seconds  wall time of the simulation main loop only (the
                     clock loop in the generated network.cpp), by a monotonic
                     clock put around the run (standalone.py): the same
                     kind of time as Hebb's. It excludes code generation,
                     compilation, network construction, synapse creation and
                     writing results.
  main_loop_cpu_seconds  the same loop as Brian2 times it itself
                     (device._last_run_time): without OpenMP std::clock(), the
                     CPU time of the process, which leaves out the time it
                     waits for a core.
  total_seconds      wall time of the whole script from model setup through
                     code generation, compilation and the run.
  rate_hz, spikes    from a SpikeMonitor with record=False (counts only).

Prints one JSON object as the last line of stdout. Run with Debian's
python3-brian (Brian2 2.5.1) as: /usr/bin/python3 coba_brian2.py --n 4000
"""
import argparse
import json
import shutil
import sys
import tempfile
import time

try:
    import brian2 as b2
except ImportError:
    sys.exit("Brian2 not found: install Debian's python3-brian and run with /usr/bin/python3")

import standalone

DT_MS = 0.1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=4000, help="number of neurons")
    ap.add_argument("--duration", type=float, default=10.0, help="biological time in seconds")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--build-dir", default=None, help="C++ project directory (default: fresh temp dir, removed afterwards)")
    ap.add_argument("--method", default="euler", help="Brian2 integration method")
    ap.add_argument("--plastic", action="store_true",
                    help="additive STDP on E->E (taus 20 ms, wmax 1.2, Apre 0.01 wmax, Apost -1.05 Apre)")
    args = ap.parse_args()

    build_dir = args.build_dir or tempfile.mkdtemp(prefix="coba_brian2_")
    t0 = time.perf_counter()
    b2.set_device("cpp_standalone", directory=build_dir, build_on_run=True)
    standalone.prepare(b2.device)
    b2.defaultclock.dt = DT_MS * b2.ms
    b2.seed(args.seed)

    ms, mV = b2.ms, b2.mV
    n_exc = int(round(0.8 * args.n))
    p = 80.0 / args.n
    eqs = """
    dv/dt = ((El - v) + ge * (Ee - v) + gi * (Ei - v)) / taum : volt (unless refractory)
    dge/dt = -ge / taue : 1
    dgi/dt = -gi / taui : 1
    """
    synaptic_tau = ((lambda tau_ms: standalone.euler_time_constant(tau_ms, DT_MS)) if args.method == "euler"
                    else (lambda tau_ms: tau_ms))
    namespace = dict(taum=20 * ms, taue=synaptic_tau(5) * ms, taui=synaptic_tau(10) * ms,
                     El=-60 * mV, Ee=0 * mV, Ei=-80 * mV, n_exc=n_exc, p=p)
    P = b2.NeuronGroup(args.n, eqs, threshold="v > -50*mV", reset="v = -60*mV",
                       refractory=5 * ms, method=args.method, namespace=namespace)
    P.v = "-60*mV + (5*randn() - 5)*mV"
    P.ge = "4 + 1.5*randn()"
    P.gi = "20 + 12*randn()"

    # Indices in connect() are relative to the source subgroup, hence the
    # offset n_exc when excluding self connections of inhibitory neurons.
    if args.plastic:
        # E->E carries pair-based STDP with event-driven traces; E->I stays static.
        wmax = 1.2
        stdp_ns = dict(namespace, taupre=20 * ms, taupost=20 * ms, wmax=wmax,
                       Apre=0.01 * wmax, Apost=-0.0105 * wmax)
        Cee = b2.Synapses(P[:n_exc], P[:n_exc], model="""w : 1
            dapre/dt = -apre / taupre : 1 (event-driven)
            dapost/dt = -apost / taupost : 1 (event-driven)""",
                          on_pre="""ge_post += w
            apre += Apre
            w = clip(w + apost, 0, wmax)""",
                          on_post="""apost += Apost
            w = clip(w + apre, 0, wmax)""", namespace=stdp_ns)
        Cee.connect(j="k for k in sample(N_post, p=p) if k != i", namespace=namespace)
        Cee.w = 0.6
        Cei = b2.Synapses(P[:n_exc], P[n_exc:], on_pre="ge_post += 0.6", namespace=namespace)
        Cei.connect(j="k for k in sample(N_post, p=p)", namespace=namespace)
    else:
        Ce = b2.Synapses(P[:n_exc], P, on_pre="ge_post += 0.6", namespace=namespace)
        Ce.connect(j="k for k in sample(N_post, p=p) if k != i", namespace=namespace)
    Ci = b2.Synapses(P[n_exc:], P, on_pre="gi_post += 6.7", namespace=namespace)
    Ci.connect(j="k for k in sample(N_post, p=p) if k != i + n_exc", namespace=namespace)

    spikes = b2.SpikeMonitor(P, record=False)
    b2.run(args.duration * b2.second)
    total = time.perf_counter() - t0

    wall_seconds = standalone.last_run_wall_seconds(build_dir)
    n_spikes = int(spikes.num_spikes)
    mean_ee_weight = float(Cee.w[:].mean()) if args.plastic else None
    if args.build_dir is None:
        shutil.rmtree(build_dir, ignore_errors=True)
    print(json.dumps(dict(
        n=args.n, duration_s=args.duration, seed=args.seed,
        brian2_version=b2.__version__,
        main_loop_wall_seconds=wall_seconds,
        main_loop_cpu_seconds=b2.device._last_run_time,
        total_seconds=round(total, 3),
        rate_hz=n_spikes / (args.n * args.duration),
        spikes=n_spikes, method=args.method, plastic=args.plastic,
        mean_ee_weight=mean_ee_weight)))


if __name__ == "__main__":
    main()
