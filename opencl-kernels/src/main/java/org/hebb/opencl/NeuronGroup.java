package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;

import java.util.Arrays;

import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.simulator.engine.Engine;
import org.hebb.simulator.input.CurrentSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/** A neuron population: its state, injected current, Poisson inputs and delay ring on the device. */
final class NeuronGroup extends Group {
    private final NeuronState state;
    private final HostArray[] stateHost;
    private final cl_mem[] variables;
    final int depth;
    /**
     * The delay ring, [receptor][slot][padded], ringLength floats; where a receptor receives directly, its target
     * variable follows at row receptors * depth + receptor (the variable's own buffer is then unused).
     */
    final cl_mem ring;
    final long ringLength;
    /** Per variable, the float at which it starts in the ring if a receptor receives directly into it, else -1. */
    private final long[] inRing;
    private final DeviceModel model;
    private final cl_mem injectedBuffer;
    /** Whether currents are injected (else the fused step reads no injected current). */
    private final boolean injects;
    private final cl_mem constantsBuffer;
    /** The finite-state check of every variable at once, generated for this state ({@link #scanSource}). */
    private final cl_kernel scan;
    /** The scan's work-group: the update's, or less where the device allows the scan less (both powers of two). */
    private final long[] scanLocal;
    /**
     * Per variable, Integer.MAX_VALUE minus the first neuron whose value is not finite (0 for none); all zero
     * between checks (a check that finds a value zeroes it again).
     */
    private final cl_mem firstBad;
    private final int[] firstIndex;
    private final HostArray firstIndexHost;
    private final HostArray firstIndexZeros;
    private final int[] slot = new int[1];
    private final Pointer slotPointer = Pointer.to(slot);

    private final PoissonBackground background;

    /**
     * @param dt         the time step, ms
     * @param masterSeed the seed the Poisson inputs' streams derive from
     */
    NeuronGroup(DeviceNetwork network, NeuronPopulation population, Layout layout, DeviceModel model, int depth,
                double dt, long masterSeed) {
        super(network, population, layout, model.kernel());
        state = population.state();
        variables = new cl_mem[state.variables().size()];
        stateHost = new HostArray[variables.length];
        boolean single = model.precision() == Precision.SINGLE;
        for (int v = 0; v < variables.length; v++) {
            variables[v] = single ? session.floats(Arrays.copyOf(state.array(v), layout.padded()))
                    : session.doubles(Arrays.copyOf(state.doubles(v), layout.padded()));
            stateHost[v] = single ? HostArray.of(state.array(v)) : HostArray.of(state.doubles(v));
        }
        this.depth = depth;
        int receptors = population.model().receptors().size();
        ringLength = (long) receptors * depth * layout.padded();
        inRing = new long[variables.length];
        Arrays.fill(inRing, -1);
        this.model = model;
        for (int r = 0; r < receptors; r++) {
            if (model.direct()[r]) {
                String target = population.model().directTarget(r).orElseThrow();
                inRing[state.indexOf(target)] = (long) directRow(r) * layout.padded();
            }
        }
        long directRows = model.anyDirect() ? (long) receptors * layout.padded() : 0;
        ring = session.floats(new float[Math.toIntExact(ringLength + directRows)]);
        for (int v = 0; v < variables.length; v++) {
            if (inRing[v] >= 0) {
                upload(v);
            }
        }
        background = new PoissonBackground(network, population, layout, depth, ring, dt, masterSeed);
        injectedBuffer = session.floats(DeviceLayout.padded(injected(population), layout.padded()));
        injects = !population.currentSources().isEmpty();
        constantsBuffer = single ? session.floats(model.floatConstants()) : session.doubles(model.constants());
        update.arg(4, depth);
        update.args(6, ring, injectedBuffer, constantsBuffer);
        int next = 9;
        for (cl_mem variable : variables) {
            update.arg(next++, variable);
        }
        firstIndex = new int[variables.length];
        firstIndexHost = HostArray.of(firstIndex);
        firstIndexZeros = HostArray.of(new int[variables.length]);
        firstBad = session.ints(firstIndex);
        scan = session.kernel(scanKernel(model.type(), heldInRing(population, model)));
        scanLocal = new long[] {Math.min(update.local[0], Long.highestOneBit(session.workGroupSize(scan)))};
        clSetKernelArg(scan, 0, Sizeof.cl_int, Pointer.to(new int[] {population.size()}));
        clSetKernelArg(scan, 1, Sizeof.cl_mem, Pointer.to(firstBad));
        int argument = 2;
        for (int v = 0; v < variables.length; v++) {
            if (inRing[v] >= 0) {
                clSetKernelArg(scan, argument++, Sizeof.cl_mem, Pointer.to(ring));
                clSetKernelArg(scan, argument++, Sizeof.cl_long, Pointer.to(new long[] {inRing[v]}));
            } else {
                clSetKernelArg(scan, argument++, Sizeof.cl_mem, Pointer.to(variables[v]));
            }
        }
    }

    /**
     * Per variable of {@code population}'s state, whether the device keeps it in the delay ring (the target of a
     * receptor that receives directly) rather than in a buffer of its own.
     */
    static boolean[] heldInRing(NeuronPopulation population, DeviceModel model) {
        NeuronState state = population.state();
        boolean[] held = new boolean[state.variables().size()];
        for (int r = 0; r < model.direct().length; r++) {
            if (model.direct()[r]) {
                held[state.indexOf(population.model().directTarget(r).orElseThrow())] = true;
            }
        }
        return held;
    }

    /** The name of the finite-state check of a state of OpenCL C {@code type} whose variables are held so. */
    static String scanKernel(String type, boolean[] heldInRing) {
        StringBuilder name = new StringBuilder("first_non_finite_").append(type).append('_');
        for (boolean held : heldInRing) {
            name.append(held ? 'r' : 'b');
        }
        return name.toString();
    }

    /**
     * The finite-state check of a state of OpenCL C {@code type} whose variables are held so, in OpenCL C: one
     * work-item per neuron reads every variable and, for each that is not finite, raises the variable's entry of
     * {@code first} to INT_MAX minus the neuron, so that each entry ends naming its variable's first such neuron.
     * Arguments: the population size, {@code first}, then per variable its buffer, followed by the float at which it
     * starts there for a variable held in the ring.
     */
    static String scanSource(String type, boolean[] heldInRing) {
        StringBuilder source = new StringBuilder("__kernel void ").append(scanKernel(type, heldInRing))
                .append("(const int size, __global int* first");
        for (int v = 0; v < heldInRing.length; v++) {
            source.append(", __global const ").append(type).append("* values").append(v);
            if (heldInRing[v]) {
                source.append(", const long start").append(v);
            }
        }
        source.append(") {\n    int i = get_global_id(0);\n    if (i >= size) {\n        return;\n    }\n");
        for (int v = 0; v < heldInRing.length; v++) {
            String at = heldInRing[v] ? "start" + v + " + i" : "i";
            source.append("    if (!isfinite(values").append(v).append('[').append(at).append("])) {\n")
                    .append("        atomic_max(first + ").append(v).append(", INT_MAX - i);\n    }\n");
        }
        return source.append("}\n").toString();
    }

    private static float[] injected(NeuronPopulation population) {
        float[] sum = new float[population.size()];
        for (CurrentSource source : population.currentSources()) {
            float[] amplitudes = source.constantAmplitudes(population.size());
            if (amplitudes == null) {
                throw OpenClEngine.unsupported("current " + source.describe() + " into population '" + population.name()
                        + "' (varies in time; so far the device takes constant currents)");
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += amplitudes[i];
            }
        }
        return sum;
    }

    @Override
    int kernels() {
        return super.kernels() + background.kernels();
    }

    @Override
    void launch() {
        slot[0] = (int) (network.currentStep() % depth);
        clSetKernelArg(update.kernel, 5, Sizeof.cl_int, slotPointer);
        background.launch(network.currentStep());
        super.launch();
    }

    /**
     * The first non-finite value (variables in order, then neurons), found on the device: one launch scans every
     * variable where it is kept and 4 bytes per variable come back, whatever the population size. Only when a value
     * is found is it read, and the entries zeroed again.
     */
    Engine.NonFiniteValue firstNonFinite() {
        session.launch(scan, update.global, scanLocal);
        session.read(firstBad, firstIndexHost);
        for (int v = 0; v < variables.length; v++) {
            if (firstIndex[v] != 0) {
                session.write(firstBad, firstIndexZeros);
                int neuron = Integer.MAX_VALUE - firstIndex[v];
                cl_mem buffer = inRing[v] >= 0 ? ring : variables[v];
                long start = Math.max(inRing[v], 0);
                if (model.precision() == Precision.SINGLE) {
                    float[] value = new float[1];
                    session.read(buffer, (start + neuron) * Sizeof.cl_float, HostArray.of(value));
                    return new Engine.NonFiniteValue(v, neuron, value[0]);
                }
                double[] value = new double[1];
                session.read(buffer, (start + neuron) * Sizeof.cl_double, HostArray.of(value));
                return new Engine.NonFiniteValue(v, neuron, value[0]);
            }
        }
        return null;
    }

    @Override
    FusedStep.Part part() {
        cl_mem[] buffers = new cl_mem[3 + variables.length];
        buffers[0] = ring;
        buffers[1] = injects ? injectedBuffer : null;
        buffers[2] = constantsBuffer;
        System.arraycopy(variables, 0, buffers, 3, variables.length);
        return new FusedStep.Part(model.kernel(), true, layout.padded(), layout.size(), layout.offset(),
                layout.blocks(), layout.blockOffset(), depth, 0, buffers, model.type(), background.inputs());
    }

    /** Copies the state from the device into the population's arrays. */
    void download() {
        for (int k = 0; k < variables.length; k++) {
            if (inRing[k] >= 0) {
                session.read(ring, inRing[k] * Sizeof.cl_float, stateHost[k]);
            } else {
                session.read(variables[k], stateHost[k]);
            }
        }
    }

    @Override
    void restarted() {
        super.restarted();
        upload();
    }

    /**
     * The ring row of the variable receptor {@code receptor} adds to if it receives directly (after the delay slots:
     * receptors * depth + receptor), else -1.
     */
    int directRow(int receptor) {
        return model.direct()[receptor] ? model.direct().length * depth + receptor : -1;
    }

    /** Sends the host's neuron state to the device. */
    void upload() {
        for (int k = 0; k < variables.length; k++) {
            upload(k);
        }
    }

    /** Sends variable {@code k} to where the device keeps it: its buffer, or its row of the ring. */
    private void upload(int k) {
        if (inRing[k] >= 0) {
            session.write(ring, inRing[k] * Sizeof.cl_float, stateHost[k]);
        } else {
            session.write(variables[k], stateHost[k]);
        }
    }
}
