#!/usr/bin/python3
"""Potjans & Diesmann (2014) cortical microcircuit in Brian2 (C++ standalone, one thread).

The model of Hebb's `./hebb microcircuit` (MicrocircuitParameters.java), with the PyNEST example's parameters:
eight populations of LIF neurons with exponential synaptic currents (exact integration; the refractory period
t_ref + dt, as NEST's t_ref of 2 ms holds v), weights normal with 10%
sd (L4E->L23E doubled, inhibitory -4x; a draw across zero, a 10-sd event, is clipped), delays normal (1.5 and
0.75 ms, 50% sd) drawn again up to three times below dt/2 and then clipped, background as a PoissonInput of K_ext
sources at 8 Hz per neuron (a binomial count per step) or its DC equivalent. At scale S, round(S N) neurons per
population. Everything is drawn inside the C++ binary: passing 3e8 synapses from Python as arrays needs more than
the machine's 24 GiB. So each pair connects with probability K / (N_pre N_post), K the number of synapses of
Hebb's fixed total number at that scale: the same expected number of synapses, without multapses. That holds at
full scale; below about half scale some projections have more synapses than pairs (12 of 64 at 0.1), which this
script caps at one synapse per pair, so its network has fewer synapses than Hebb's there (`expected_synapses`).

What is measured:
  seconds_per_bio_second  the wall time of the main loop of the recorded run (after the warm-up) over its biological
                          time, by a monotonic clock put around the run (standalone.py): the same kind of time as
                          Hebb's hebb_seconds_per_bio_second
  cpu_seconds_per_bio_second  the same loop as Brian2 times it itself (device._last_run_time): std::clock(), the CPU
                          time of the single-threaded binary, which leaves out the time it waits for a core
  total_seconds           wall time of the whole script (model setup, code generation, compilation, construction
                          inside the binary, both runs)
  rates_hz, cv_isi         per population, over the recorded run (cv_isi: the mean coefficient of variation of
                          the inter-spike intervals of neurons with at least 3 spikes)

Prints one JSON object as the last line of stdout. Run with Debian's python3-brian (Brian2 2.5.1):
/usr/bin/python3 microcircuit_brian2.py --scale 0.1
"""
import argparse
import json
import math
import shutil
import sys
import tempfile
import time

import numpy as np

try:
    import brian2 as b2
except ImportError:
    sys.exit("Brian2 not found: install Debian's python3-brian and run with /usr/bin/python3")

import standalone

POPULATIONS = ["L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"]
FULL_SIZES = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948]
PROBABILITIES = [  # [target][source]
    [0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
    [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
    [0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0],
    [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
    [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
    [0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0],
    [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
    [0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443],
]
K_EXT = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100]
V0_MEAN = [-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43]
V0_SD = [5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48]
TAU_M, TAU_S, C_M = 10.0, 0.5, 250.0  # ms, ms, pF
DT = 0.1


def psc_for_psp(psp_mv):
    """The current (pA) whose PSP in a neuron at rest peaks at psp_mv."""
    peak = math.log(TAU_M / TAU_S) * TAU_M * TAU_S / (TAU_M - TAU_S)
    per_pa = TAU_M * TAU_S / (C_M * (TAU_M - TAU_S)) * (math.exp(-peak / TAU_M) - math.exp(-peak / TAU_S))
    return psp_mv / per_pa


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--background", choices=["poisson", "dc"], default="poisson")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--warmup", type=float, default=100.0, help="ms")
    ap.add_argument("--duration", type=float, default=1000.0, help="ms")
    ap.add_argument("--build-dir", default=None)
    args = ap.parse_args()

    t0 = time.perf_counter()
    build_dir = args.build_dir or tempfile.mkdtemp(prefix="microcircuit_brian2_")
    b2.set_device("cpp_standalone", directory=build_dir, build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = 0
    standalone.prepare(b2.device)
    b2.defaultclock.dt = DT * b2.ms
    b2.seed(args.seed)
    rng = np.random.default_rng(args.seed)
    ms, mV, pA = b2.ms, b2.mV, b2.pA

    sizes = [max(1, math.floor(n * args.scale + 0.5)) for n in FULL_SIZES]  # Java's Math.round, as Hebb rounds
    w_exc = psc_for_psp(0.15)
    eqs = """
    dv/dt = (E_L - v) / tau_m + (I_e + I_i + I_dc) / C_m : volt (unless refractory)
    dI_e/dt = -I_e / tau_s : amp
    dI_i/dt = -I_i / tau_s : amp
    I_dc : amp
    """
    namespace = dict(E_L=-65 * mV, tau_m=TAU_M * ms, tau_s=TAU_S * ms, C_m=C_M * b2.pF)
    # NEST holds v in the 20 steps after the spike's step, Brian2's 2 ms in 19: NEST's t_ref is Brian2's t_ref + dt
    neurons = b2.NeuronGroup(sum(sizes), eqs, threshold="v >= -50*mV", reset="v = -65*mV",
                             refractory=(2 + DT) * ms, method="exact", namespace=namespace)
    starts = np.cumsum([0] + sizes)
    groups = [neurons[starts[p]:starts[p + 1]] for p in range(8)]
    v0 = np.concatenate([rng.normal(V0_MEAN[p], V0_SD[p], sizes[p]) for p in range(8)])
    neurons.v = v0 * mV
    inputs = []
    for p in range(8):
        if args.background == "poisson":
            inputs.append(b2.PoissonInput(groups[p], "I_e", N=K_EXT[p], rate=8 * b2.Hz, weight=w_exc * pA))
        else:
            groups[p].I_dc = 8e-3 * K_EXT[p] * w_exc * TAU_S * pA
    synapses = []
    total = 0
    for t in range(8):
        for s in range(8):
            p = PROBABILITIES[t][s]
            if p == 0:
                continue
            pairs = FULL_SIZES[t] * FULL_SIZES[s]
            k_full = math.log(1 - p) / math.log((pairs - 1) / pairs)
            k = int(round(k_full * sizes[t] / FULL_SIZES[t]))
            excitatory = s % 2 == 0
            mean = w_exc * (2 if (t == 0 and s == 2) else 1) if excitatory else -4 * w_exc
            syn = b2.Synapses(groups[s], groups[t], "w : amp",
                              on_pre=("I_e_post += w" if excitatory else "I_i_post += w"))
            probability = min(1.0, k / (sizes[s] * sizes[t]))
            syn.connect(p=probability)
            sd = 0.1 * abs(mean)
            bounds = "0*pA, 1e9*pA" if excitatory else "-1e9*pA, 0*pA"
            syn.w = "clip(%r*pA + %r*pA*randn(), %s)" % (mean, sd, bounds)
            d = 1.5 if excitatory else 0.75
            draw = "(%r + %r*randn())*ms" % (d, 0.5 * d)
            syn.delay = draw
            for _ in range(3):  # drawn again where below dt/2, three times; then clipped
                syn.delay = "delay*int(delay >= %r*ms) + (1 - int(delay >= %r*ms))*%s" % (DT / 2, DT / 2, draw)
            syn.delay = "clip(delay, %r*ms, 1e9*ms)" % (DT / 2)
            synapses.append(syn)
            total += probability * sizes[s] * sizes[t]  # expected; below k where k exceeds the pairs
    monitors = [b2.SpikeMonitor(g) for g in groups]
    net = b2.Network(neurons, *inputs, *synapses, *monitors)
    net.run(args.warmup * ms)
    net.run(args.duration * ms)
    b2.device.build(directory=build_dir, compile=True, run=True)
    seconds = standalone.last_run_wall_seconds(build_dir)
    cpu_seconds = b2.device._last_run_time
    from_ms, to_ms = args.warmup, args.warmup + args.duration
    rates, cv = {}, {}
    for p, m in enumerate(monitors):
        t_ms = np.asarray(m.t / ms)
        inside = (t_ms >= from_ms) & (t_ms < to_ms)
        rates[POPULATIONS[p]] = float(inside.sum() / (sizes[p] * args.duration / 1000))
        # mean coefficient of variation of the intervals of neurons with at least 3 spikes (as Hebb computes it)
        trains = {}
        for i, t in zip(np.asarray(m.i)[inside], t_ms[inside]):
            trains.setdefault(int(i), []).append(t)
        cvs = [np.std(np.diff(x)) / np.mean(np.diff(x)) for x in trains.values() if len(x) >= 3]
        cv[POPULATIONS[p]] = float(np.mean(cvs)) if cvs else None
    total_seconds = time.perf_counter() - t0
    if args.build_dir is None:
        shutil.rmtree(build_dir, ignore_errors=True)
    print(json.dumps(dict(scale=args.scale, background=args.background, seed=args.seed, threads=1,
                          brian2_version=b2.__version__, neurons=int(sum(sizes)), expected_synapses=int(round(total)),
                          seconds_per_bio_second=seconds / (args.duration / 1000),
                          cpu_seconds_per_bio_second=cpu_seconds / (args.duration / 1000),
                          total_seconds=round(total_seconds, 1),
                          rates_hz=rates, cv_isi=cv)))


if __name__ == "__main__":
    main()
