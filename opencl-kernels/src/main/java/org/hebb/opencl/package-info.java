/**
 * The OpenCL backend (JOCL): the clock-driven step on a GPU, or on a CPU through PoCL, held to the Java reference
 * backend spike for spike. {@link org.hebb.opencl.OpenClDevices} lists and chooses devices; the engine is selected
 * with {@code Network.builder().backend(BackendKind.OPENCL)}. See docs/OPENCL.md for what it runs so far.
 */
package org.hebb.opencl;
