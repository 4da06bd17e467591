#!/usr/bin/python3
"""Reference spike times of one Hodgkin-Huxley (Traub-Miles) neuron under a current step, from Brian2.

The membrane equations, parameters and rate functions are those of Brette et al. (2007), benchmark 3 (COBAHH), as in
Brian2's examples/COBAHH.py, without the synaptic conductances, plus an injected current I.

Model choices:
- One isolated neuron per amplitude (no synapses); all amplitudes are simulated in one NeuronGroup, each neuron
  independent of the others.
- Injected current: I = amplitude for every integration step whose start time t satisfies t_on <= t < t_off, and 0
  otherwise. I is a parameter that is changed between runs, so it is constant within each step (also within the
  intermediate stages of rk4).
- Initial values: v = El, and m, n, h at their steady state x_inf = alpha_x / (alpha_x + beta_x) evaluated at v = El
  with the rate functions below (computed here in double precision and printed). This is not the resting state of
  the full model: v relaxes during the first t_on ms, before the current starts.
- Threshold: v > -20 mV with refractory = 3 ms and no reset (as COBAHH). The refractory period only keeps one spike
  from being counted several times; the equations are not clamped while refractory.
- Spike times follow Brian2's schedule: the state is advanced from t to t + dt, then the threshold is tested, and a
  spike found there is recorded with time t (the start of the step).
- Code generation target numpy, double precision.
- This neuron fires without input (about 14 Hz at I = 0; its first spike, from the initial state above, comes at
  about 11 ms, before t_on). A hyperpolarizing current silences it, so the amplitudes include negative ones:
  -0.1 nA (silent during the step), -0.02 nA (just above the onset of firing, two slow spikes during the step),
  0.1 nA (regular, about 31 Hz) and 0.45 nA (regular, about 76 Hz). Each last spike of the step comes well
  before t_off, and its successor would come well after t_off, in both methods: a spike near t_off would hang on
  whether its upstroke started before the current stopped, a poor case for comparing simulators.

Regenerate (from the repository root, with Debian's Python and its python3-brian package):
    /usr/bin/python3 neurons/src/test/resources/org/hebb/neurons/reference/hh_traub_brian2.py
This writes hh_traub_brian2_<method>.csv next to this script for the methods exponential_euler and rk4.
"""

import argparse
import os
import sys
import warnings

import numpy as np

warnings.filterwarnings('ignore', category=FutureWarning, module='pythran')  # noise from Debian's pythran on import
import brian2  # noqa: E402
from brian2 import (Equations, NeuronGroup, Network, SpikeMonitor, defaultclock, prefs,
                    umetre, cm, ufarad, siemens, msiemens, mV, ms, nA, nF, uS)

prefs.codegen.target = 'numpy'
prefs.core.default_float_dtype = np.float64

# Parameters (COBAHH)
area = 20000 * umetre ** 2
Cm = (1 * ufarad * cm ** -2) * area
gl = (5e-5 * siemens * cm ** -2) * area
El = -60 * mV
EK = -90 * mV
ENa = 50 * mV
g_na = (100 * msiemens * cm ** -2) * area
g_kd = (30 * msiemens * cm ** -2) * area
VT = -63 * mV

EQUATIONS = '''
dv/dt = (gl*(El-v)-
         g_na*(m*m*m)*h*(v-ENa)-
         g_kd*(n*n*n*n)*(v-EK)+I)/Cm : volt
dm/dt = alpha_m*(1-m)-beta_m*m : 1
dn/dt = alpha_n*(1-n)-beta_n*n : 1
dh/dt = alpha_h*(1-h)-beta_h*h : 1
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
I = amplitude*on : amp
amplitude : amp (constant)
on : 1 (shared)
'''
THRESHOLD = 'v > -20*mV'
REFRACTORY = 3 * ms

DURATION_MS = 300.0
T_ON_MS = 20.0
T_OFF_MS = 270.0
AMPLITUDES_NA = (-0.1, -0.02, 0.1, 0.45)
METHODS = ('exponential_euler', 'rk4')


def steady_state_gates(v_mV):
    """m, n, h at steady state for a fixed v (mV), with the same rate functions as EQUATIONS, in double."""
    vt = float(VT / mV)

    def exprel_(x):
        return 1.0 if x == 0.0 else float(np.expm1(x) / x)

    alpha_m = 0.32 * 4 / exprel_((13 - v_mV + vt) / 4)
    beta_m = 0.28 * 5 / exprel_((v_mV - vt - 40) / 5)
    alpha_h = 0.128 * np.exp((17 - v_mV + vt) / 18)
    beta_h = 4. / (1 + np.exp((40 - v_mV + vt) / 5))
    alpha_n = 0.032 * 5 / exprel_((15 - v_mV + vt) / 5)
    beta_n = .5 * np.exp((10 - v_mV + vt) / 40)
    return (float(alpha_m / (alpha_m + beta_m)),
            float(alpha_n / (alpha_n + beta_n)),
            float(alpha_h / (alpha_h + beta_h)))


def simulate(amplitudes_nA, method, dt_ms):
    """Spike times (ms) per amplitude (nA), as a list of lists."""
    dt = dt_ms * ms
    for name, t_ms in (('t_on', T_ON_MS), ('t_off', T_OFF_MS), ('duration', DURATION_MS)):
        steps = t_ms / dt_ms
        if abs(steps - round(steps)) > 1e-9:
            raise ValueError(f'{name} = {t_ms} ms is not allowed: must be a multiple of dt = {dt_ms} ms')
    defaultclock.dt = dt
    m0, n0, h0 = steady_state_gates(float(El / mV))
    group = NeuronGroup(len(amplitudes_nA), Equations(EQUATIONS), threshold=THRESHOLD, refractory=REFRACTORY,
                        method=method, dt=dt, namespace=dict(
                            gl=gl, El=El, g_na=g_na, ENa=ENa, g_kd=g_kd, EK=EK, Cm=Cm, VT=VT))
    group.v = El
    group.m = m0
    group.n = n0
    group.h = h0
    group.amplitude = np.asarray(amplitudes_nA, dtype=np.float64) * nA
    spikes = SpikeMonitor(group)
    net = Network(group, spikes)
    group.on = 0.0
    net.run(T_ON_MS * ms)
    group.on = 1.0
    net.run((T_OFF_MS - T_ON_MS) * ms)
    group.on = 0.0
    net.run((DURATION_MS - T_OFF_MS) * ms)
    trains = spikes.spike_trains()
    return [[float(t / ms) for t in trains[i]] for i in range(len(amplitudes_nA))]


def header(method, dt_ms, command):
    m0, n0, h0 = steady_state_gates(float(El / mV))
    lines = [
        'Spike times of one Hodgkin-Huxley (Traub-Miles) neuron, COBAHH membrane (Brette et al. 2007, benchmark 3),',
        'under a current step, computed by Brian2 with method %s.' % method,
        'Brian2 %s, numpy %s, Python %s, codegen target numpy, float64.' % (
            brian2.__version__, np.__version__, sys.version.split()[0]),
        'Regenerate: %s' % command,
        'dt = %r ms, duration = %r ms, current on for steps starting at t_on <= t < t_off,' % (dt_ms, DURATION_MS),
        't_on = %r ms, t_off = %r ms.' % (T_ON_MS, T_OFF_MS),
        'Parameters (mV, ms, nA, nF, uS): Cm = %.15g nF, gl = %.15g uS, El = %.15g mV, EK = %.15g mV,' % (
            Cm / nF, gl / uS, El / mV, EK / mV),
        'ENa = %.15g mV, g_na = %.15g uS, g_kd = %.15g uS, VT = %.15g mV (area 20000 um^2).' % (
            ENa / mV, g_na / uS, g_kd / uS, VT / mV),
        'As Brian2 holds them (SI): Cm = %r F, gl = %r S, g_na = %r S, g_kd = %r S.' % (
            float(Cm), float(gl), float(g_na), float(g_kd)),
        'dv/dt = (gl*(El-v) - g_na*m^3*h*(v-ENa) - g_kd*n^4*(v-EK) + I)/Cm; dx/dt = alpha_x*(1-x) - beta_x*x',
        '  alpha_m = 0.32*(13-v+VT)/(exp((13-v+VT)/4)-1)  beta_m = 0.28*(v-VT-40)/(exp((v-VT-40)/5)-1)',
        '  alpha_h = 0.128*exp((17-v+VT)/18)              beta_h = 4/(1+exp((40-v+VT)/5))',
        '  alpha_n = 0.032*(15-v+VT)/(exp((15-v+VT)/5)-1) beta_n = 0.5*exp((10-v+VT)/40)',
        '  (rates in 1/ms, v in mV; each x/(exp(x)-1) is computed as 1/exprel(x), exprel(0) = 1)',
        'Initial values: v = El = %r mV, m, n, h at steady state for v = El:' % float(El / mV),
        'm0 = %r, n0 = %r, h0 = %r' % (m0, n0, h0),
        'Threshold v > -20 mV, refractory 3 ms (no clamping), no reset. A spike is recorded with the start time t',
        'of the step (t -> t + dt) after which v > -20 mV.',
        'Amplitudes (nA): %s' % ', '.join(repr(a) for a in AMPLITUDES_NA),
        'The neuron fires without input (about 14 Hz at I = 0), so every amplitude has a first spike before t_on.',
        'Times are Brian2 clock times (step * dt) converted to ms.',
    ]
    return ''.join('# ' + line + '\n' for line in lines) + 'amplitude_nA,spike_index,time_ms\n'


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--dt', type=float, default=0.01, help='time step in ms (default 0.01)')
    parser.add_argument('--out-dir', default=here, help='where the CSV files go (default: next to this script)')
    parser.add_argument('--methods', nargs='+', default=list(METHODS), choices=METHODS)
    args = parser.parse_args()
    if not args.dt > 0:
        parser.error(f'--dt = {args.dt} ms is not allowed: must be positive')

    command = '/usr/bin/python3 neurons/src/test/resources/org/hebb/neurons/reference/hh_traub_brian2.py'
    if args.dt != 0.01:
        command += ' --dt %r' % args.dt
    m0, n0, h0 = steady_state_gates(float(El / mV))
    print('Brian2 %s, numpy %s' % (brian2.__version__, np.__version__))
    print('initial v = %r mV, m0 = %r, n0 = %r, h0 = %r' % (float(El / mV), m0, n0, h0))
    for method in args.methods:
        trains = simulate(AMPLITUDES_NA, method, args.dt)
        path = os.path.join(args.out_dir, 'hh_traub_brian2_%s.csv' % method)
        with open(path + '.tmp', 'w') as out:
            out.write(header(method, args.dt, command))
            for amplitude, train in zip(AMPLITUDES_NA, trains):
                for index, t in enumerate(train):
                    out.write('%r,%d,%r\n' % (amplitude, index, t))
        os.replace(path + '.tmp', path)
        print('%s: %s -> %s' % (method, ', '.join('%r nA: %d spikes' % (a, len(s))
                                                   for a, s in zip(AMPLITUDES_NA, trains)), path))


if __name__ == '__main__':
    main()
