"""How Hebb's benchmarks build and time Brian2's C++ standalone binaries.

Every script calls `prepare(b2.device)` after set_device and before the first run: it builds with one make job per
core (`compile_one_job_per_core`), not Brian2's bare -j, and times each run by the wall clock (`time_network_runs`).

Time: the wall time of the main loop, the same kind of time as Hebb's. Hebb's benchmarks time `run()` by the wall
clock (System.nanoTime). Brian2 2.5 times its main loop (device._last_run_time) by std::clock() when OpenMP is off:
the CPU time of the process, which leaves out every moment the process waits for a core. Alone on a core the two
agree within a few percent; on a shared host the CPU time can be half the wall time or less, so a ratio of Hebb's
wall time to Brian2's CPU time is not a ratio of like with like. `time_network_runs` puts a monotonic wall clock
around each network run of the generated main.cpp; the binary writes the seconds of its last run to WALL_FILE in
its project directory, and `last_run_wall_seconds` reads them.
"""
import math
import os

import brian2 as b2

WALL_FILE = os.path.join("results", "last_run_wall_seconds.txt")

_DECLARE = "struct timespec hebb_main_loop_start, hebb_main_loop_end;"
_START = "clock_gettime(CLOCK_MONOTONIC, &hebb_main_loop_start);"
_STOP = """clock_gettime(CLOCK_MONOTONIC, &hebb_main_loop_end);
{
    std::ofstream wall_file("%s");
    wall_file.precision(17);
    wall_file << (double)(hebb_main_loop_end.tv_sec - hebb_main_loop_start.tv_sec)
        + 1e-9 * (double)(hebb_main_loop_end.tv_nsec - hebb_main_loop_start.tv_nsec) << std::endl;
}""" % WALL_FILE.replace(os.sep, "/")


def prepare(device):
    """Builds the standalone project with one make job per core and times each of its network runs by the wall
    clock."""
    compile_one_job_per_core()
    time_network_runs(device)


def compile_one_job_per_core():
    """Compiles the standalone project with one make job per core. Brian2's default make flag, a bare -j, starts
    a compiler for every source file at once: the microcircuit's 645 files ran the 2-core, 24 GiB host out of
    memory."""
    b2.prefs.devices.cpp_standalone.extra_make_args_unix = ["-j%d" % (os.cpu_count() or 1)]


def time_network_runs(device):
    """Makes the standalone binary time each network run by the wall clock (each run overwrites WALL_FILE)."""
    device.insert_code("before_start", _DECLARE)
    device.insert_code("before_network_run", _START)
    device.insert_code("after_network_run", _STOP)


def last_run_wall_seconds(build_dir):
    """The wall time, in seconds, of the last network run of the binary built and run in build_dir."""
    with open(os.path.join(build_dir, WALL_FILE)) as f:
        return float(f.read())


def euler_time_constant(tau_ms, dt_ms):
    """The time constant (ms) whose Euler step, 1 - dt/tau', is the exact decay exp(-dt/tau) of tau_ms. Brian2's
    method="euler" applies to every equation of a group, its conductances included, where Hebb decays a
    conductance exactly: a conductance given this time constant decays under Euler as Hebb's does."""
    return dt_ms / -math.expm1(-dt_ms / tau_ms)
