package org.hebb.simulator;

/** Where the kernels run: what a plasticity rule or model declares it supports. */
public enum BackendKind {
    /** Pure Java, one thread or several (the reference). */
    JAVA,
    /** OpenCL devices: GPUs, or CPUs through PoCL. */
    OPENCL
}
