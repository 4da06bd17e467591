"""The program of Izhikevich (2003), "Simple model of spiking neurons", written out in NumPy line by line as a
reference for Hebb's Izhikevich2003Network: network rate and the peak frequencies of the rate's power spectrum.

Usage: /usr/bin/python3 benchmarks/reference/izhikevich2003_program.py [seed] [seconds]
Needs python3-numpy and python3-scipy.
"""
import sys

import numpy as np
from scipy.signal import welch

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
rng = np.random.default_rng(seed)
ne, ni = 800, 200
re, ri = rng.random(ne), rng.random(ni)
a = np.r_[0.02 * np.ones(ne), 0.02 + 0.08 * ri]
b = np.r_[0.2 * np.ones(ne), 0.25 - 0.05 * ri]
c = np.r_[-65 + 15 * re ** 2, -65 * np.ones(ni)]
d = np.r_[8 - 6 * re ** 2, 2 * np.ones(ni)]
weights = np.c_[0.5 * rng.random((ne + ni, ne)), -rng.random((ne + ni, ni))]
v = -65 * np.ones(ne + ni)
u = b * v
steps = 1000 * (seconds + 1)
counts = np.zeros(steps)
for t in range(steps):
    current = np.r_[5 * rng.standard_normal(ne), 2 * rng.standard_normal(ni)]
    fired = np.nonzero(v >= 30)[0]
    counts[t] = len(fired)
    v[fired] = c[fired]
    u[fired] += d[fired]
    current += weights[:, fired].sum(axis=1)
    v += 0.5 * (0.04 * v ** 2 + 5 * v + 140 - u + current)
    v += 0.5 * (0.04 * v ** 2 + 5 * v + 140 - u + current)
    u += a * (b * v - u)
rate = counts[1000:] / (ne + ni) * 1000  # Hz per neuron, 1 ms bins, first second left out
print(f"seed {seed}, {seconds} s: network rate {rate.mean():.2f} Hz")
f, p = welch(rate, fs=1000, window="hann", nperseg=1024)
for name, low, high in (("alpha", 4, 20), ("gamma", 20, 100)):
    band = (f >= low) & (f <= high)
    print(f"largest power in {low}-{high} Hz ({name}): {f[band][np.argmax(p[band])]:.2f} Hz")
