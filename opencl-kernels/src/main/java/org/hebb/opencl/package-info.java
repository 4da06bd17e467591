/**
 * The OpenCL backend (JOCL): device kernels for every neuron model and rule, held to the Java reference backend.
 * Not yet implemented; see README.md in this module.
 */
package org.hebb.opencl;
