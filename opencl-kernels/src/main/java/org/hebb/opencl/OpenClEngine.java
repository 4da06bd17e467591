package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.neurons.NeuronState;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.Engine;
import org.hebb.simulator.engine.PlasticityWiring;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.input.CurrentSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.random.Seeds;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * The clock-driven engine on an OpenCL device. State, synapses and a ring of spike flags (one byte per neuron and
 * step, every population side by side, as deep as the longest delay) stay on the device; a step is one kernel
 * launch per population. Each neuron gathers its input itself (never a racy scatter): it walks its incoming
 * synapses in the order the Java reference adds them into its delay ring (delay descending, then projection,
 * presynaptic neuron and row position) and adds the weight of each whose presynaptic neuron spiked that many steps
 * ago. With the same single-precision operations in the same order (FP_CONTRACT OFF), spike trains equal the Java
 * backend's. Only what monitors ask for crosses to the host: a population's spike flags of the last step when a
 * monitor reads its spikes, its state when a monitor or checker reads state.
 *
 * <p>Runs so far: IF_curr_exp, IF_cond_exp, IF_curr_delta and Izhikevich populations ({@link DeviceModel}),
 * Bernoulli and Poisson sources, constant injected currents, static projections with any weights and delays.
 * Anything else is refused, naming it and the Java backend.
 */
final class OpenClEngine implements Engine {
    private final DeviceSession session;
    private final int depth;
    private final int stride;
    private final cl_mem flags;
    private final Group[] groups;
    private final Map<Population, Group> byPopulation = new IdentityHashMap<>();
    private final cl_kernel clear;
    private final long[] clearShape;
    private final long[] stepArgument = new long[1];
    private final Pointer stepPointer = Pointer.to(stepArgument);
    private long step;

    OpenClEngine(double dt, long masterSeed, String deviceSelector, List<Population> populations,
                 List<Projection> projections, PlasticityWiring plasticity) {
        if (!plasticity.synapseUpdates().isEmpty() || !plasticity.globalUpdates().isEmpty()
                || !plasticity.traces().isEmpty()) {
            throw unsupported("plasticity and afterDelivery code");
        }
        int maxDelay = 1;
        for (Projection p : projections) {
            maxDelay = Math.max(maxDelay, p.maxDelay());
        }
        depth = maxDelay + 1;
        int total = 0;
        Map<Population, Integer> offsets = new IdentityHashMap<>();
        for (Population p : populations) {
            offsets.put(p, total);
            total += p.size();
        }
        stride = total;
        session = new DeviceSession(OpenClDevices.select(deviceSelector));
        try {
            flags = session.bytes((long) depth * stride);
            clear = session.kernel("clear_bytes");
            clearShape = new long[] {session.workGroupSize(clear)};
            groups = new Group[populations.size()];
            for (int g = 0; g < groups.length; g++) {
                Population p = populations.get(g);
                int offset = offsets.get(p);
                if (p instanceof NeuronPopulation np) {
                    groups[g] = new NeuronGroup(np, offset, dt, projections, offsets);
                } else if (p instanceof BernoulliSource source) {
                    groups[g] = new BernoulliGroup(source, offset, Seeds.derive(masterSeed, "source:" + p.name()));
                } else {
                    throw unsupported("source population '" + p.name() + "' (" + p.getClass().getSimpleName() + ")");
                }
                byPopulation.put(p, groups[g]);
            }
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static IllegalArgumentException unsupported(String what) {
        return new IllegalArgumentException(what + ": the " + BackendKind.OPENCL + " backend cannot run it yet; "
                + "build the network with Network.builder().backend(BackendKind." + BackendKind.JAVA + ")");
    }

    /** The device this engine runs on. */
    OpenClDevice device() {
        return session.device;
    }

    /** {@inheritDoc} Bytes moved each way so far; to the device, buffer creation included. */
    @Override
    public Map<String, Long> counters() {
        return Map.of("bytes_to_host", session.bytesToHost(), "bytes_to_device", session.bytesToDevice());
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public long currentStep() {
        return step;
    }

    @Override
    public void step() {
        stepArgument[0] = step;
        for (Group g : groups) {
            g.launch();
        }
        step++;
    }

    @Override
    public SpikeView lastSpikes(Population population) {
        return byPopulation.get(population).spikesOf(step - 1);
    }

    @Override
    public void synchronizeState(NeuronPopulation population) {
        ((NeuronGroup) byPopulation.get(population)).download();
    }

    @Override
    public NonFiniteValue firstNonFinite(NeuronPopulation population) {
        return ((NeuronGroup) byPopulation.get(population)).firstNonFinite();
    }

    @Override
    public void resetDynamics(Runnable restoreNeuronState) {
        restoreNeuronState.run();
        for (Group g : groups) {
            g.restarted();
        }
        long bytes = (long) depth * stride;
        clSetKernelArg(clear, 0, Sizeof.cl_long, Pointer.to(new long[] {bytes}));
        clSetKernelArg(clear, 1, Sizeof.cl_mem, Pointer.to(flags));
        session.launch(clear, new long[] {(bytes + clearShape[0] - 1) / clearShape[0] * clearShape[0]}, clearShape);
        session.finish();
    }

    @Override
    public void close() {
        session.close();
    }

    /** One population on the device: its kernel launch, and its spikes read back on demand. */
    private abstract class Group {
        final Population population;
        final int offset;
        final int[] spikeList;
        final int[] spikeCount = new int[1];
        final byte[] flagBytes;
        final SpikeView view;
        /** The step whose spikes the view holds, and the step whose spikes it must hold when read. */
        long viewStep = -1;
        long wantedStep = -1;
        cl_kernel kernel;
        long[] global;
        long[] local;

        Group(Population population, int offset) {
            this.population = population;
            this.offset = offset;
            this.spikeList = new int[population.size()];
            this.flagBytes = new byte[population.size()];
            this.view = SpikeView.filledOnDemand(spikeList, spikeCount, this::fill);
        }

        /** Creates the kernel and sets the arguments every kernel shares (step, size, depth, stride first). */
        final cl_kernel createKernel(String name) {
            kernel = session.kernel(name);
            local = new long[] {session.workGroupSize(kernel)};
            global = new long[] {(population.size() + local[0] - 1) / local[0] * local[0]};
            arg(1, population.size());
            arg(2, depth);
            arg(3, stride);
            return kernel;
        }

        final void arg(int index, int value) {
            clSetKernelArg(kernel, index, Sizeof.cl_int, Pointer.to(new int[] {value}));
        }

        final void arg(int index, float value) {
            clSetKernelArg(kernel, index, Sizeof.cl_float, Pointer.to(new float[] {value}));
        }

        final void arg(int index, cl_mem buffer) {
            clSetKernelArg(kernel, index, Sizeof.cl_mem, Pointer.to(buffer));
        }

        void launch() {
            clSetKernelArg(kernel, 0, Sizeof.cl_long, stepPointer);
            session.launch(kernel, global, local);
        }

        /** After a reset: the host's values are the truth again. */
        void restarted() {
            viewStep = -1;
            wantedStep = -1;
            spikeCount[0] = 0;
        }

        /** The spikes of {@code spikeStep}, read from the device only if a monitor reads them. */
        SpikeView spikesOf(long spikeStep) {
            wantedStep = spikeStep;
            return view;
        }

        private void fill() {
            if (viewStep == wantedStep) {
                return;
            }
            int count = 0;
            if (wantedStep >= 0) {
                session.read(flags, (wantedStep % depth) * stride + offset, flagBytes);
                for (int i = 0; i < flagBytes.length; i++) {
                    if (flagBytes[i] != 0) {
                        spikeList[count++] = i;
                    }
                }
            }
            spikeCount[0] = count;
            viewStep = wantedStep;
        }
    }

    /** A Bernoulli or Poisson source: probabilities uploaded when they change. */
    private final class BernoulliGroup extends Group {
        private final BernoulliSource source;
        private final float[] probabilities;
        private final cl_mem probabilityBuffer;
        private long seenChanges = -1;

        BernoulliGroup(BernoulliSource source, int offset, long key) {
            super(source, offset);
            this.source = source;
            this.probabilities = new float[source.size()];
            this.probabilityBuffer = session.floats(probabilities);
            createKernel("bernoulli_source");
            arg(4, (int) key);
            arg(5, (int) (key >>> 32));
            arg(6, probabilityBuffer);
            arg(7, flags);
            arg(8, offset);
        }

        @Override
        void launch() {
            if (source.changeCount() != seenChanges) {
                seenChanges = source.changeCount();
                for (int i = 0; i < probabilities.length; i++) {
                    probabilities[i] = (float) source.probability(i);
                }
                session.write(probabilityBuffer, probabilities);
            }
            super.launch();
        }
    }

    /** A neuron population: its state, injected current and incoming synapses on the device. */
    private final class NeuronGroup extends Group {
        private final NeuronState state;
        private final cl_mem[] variables;
        private final cl_kernel scan;
        private final long[] scanLocal;
        private final cl_mem firstBad;
        private final int[] firstIndex = new int[1];

        NeuronGroup(NeuronPopulation population, int offset, double dt, List<Projection> projections,
                    Map<Population, Integer> offsets) {
            super(population, offset);
            DeviceModel model = DeviceModel.of(population.model(), dt);
            if (model == null) {
                throw unsupported("population '" + population.name() + "' of " + population.model().name()
                        + " (the device runs IF_curr_exp, IF_cond_exp, IF_curr_delta and Izhikevich so far)");
            }
            state = population.state();
            variables = new cl_mem[state.variables().size()];
            for (int v = 0; v < variables.length; v++) {
                variables[v] = session.floats(state.array(v));
            }
            IncomingSynapses in = IncomingSynapses.of(population, population.model().receptors().size(),
                    projections, offsets);
            createKernel(model.kernel());
            arg(4, flags);
            arg(5, offset);
            arg(6, session.ints(in.pointer()));
            arg(7, session.ints(in.pre()));
            arg(8, session.ints(in.delay()));
            arg(9, session.floats(in.weight()));
            arg(10, session.floats(injected(population)));
            arg(11, session.floats(model.constants()));
            int next = 12;
            for (int option : model.options()) {
                arg(next++, option);
            }
            for (cl_mem variable : variables) {
                arg(next++, variable);
            }
            scan = session.kernel("first_non_finite");
            scanLocal = local;
            firstBad = session.ints(firstIndex);
        }

        private static float[] injected(NeuronPopulation population) {
            float[] sum = new float[population.size()];
            for (CurrentSource source : population.currentSources()) {
                float[] amplitudes = source.constantAmplitudes(population.size());
                if (amplitudes == null) {
                    throw unsupported("current " + source.describe() + " into population '" + population.name()
                            + "' (varies in time; so far the device takes constant currents)");
                }
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += amplitudes[i];
                }
            }
            return sum;
        }

        /** The first non-finite value, found on the device: a few bytes cross, whatever the population size. */
        NonFiniteValue firstNonFinite() {
            clSetKernelArg(scan, 0, Sizeof.cl_int, Pointer.to(new int[] {population.size()}));
            clSetKernelArg(scan, 2, Sizeof.cl_mem, Pointer.to(firstBad));
            for (int v = 0; v < variables.length; v++) {
                firstIndex[0] = Integer.MAX_VALUE;
                session.write(firstBad, firstIndex);
                clSetKernelArg(scan, 1, Sizeof.cl_mem, Pointer.to(variables[v]));
                session.launch(scan, global, scanLocal);
                session.read(firstBad, firstIndex);
                if (firstIndex[0] != Integer.MAX_VALUE) {
                    float[] value = new float[1];
                    session.read(variables[v], (long) firstIndex[0] * Sizeof.cl_float, value);
                    return new NonFiniteValue(v, firstIndex[0], value[0]);
                }
            }
            return null;
        }

        /** Copies the state from the device into the population's arrays. */
        void download() {
            for (int k = 0; k < variables.length; k++) {
                session.read(variables[k], state.array(k));
            }
        }

        @Override
        void restarted() {
            super.restarted();
            for (int k = 0; k < variables.length; k++) {
                session.write(variables[k], state.array(k));
            }
        }
    }

    /** Each target neuron's incoming synapses per receptor, in the Java reference's order of summation. */
    private record IncomingSynapses(int[] pointer, int[] pre, int[] delay, float[] weight) {
        /**
         * Gathers every projection onto {@code target}: pointer[r * n + i] starts receptor r's synapses onto neuron
         * i; pre holds global presynaptic indices (population offset + index). Synapses come in creation order of
         * projections, presynaptic order and row order; two stable counting sorts, by delay descending and then
         * by (receptor, target), keep that order within equal keys.
         */
        static IncomingSynapses of(NeuronPopulation target, int receptors, List<Projection> projections,
                                   Map<Population, Integer> offsets) {
            int n = target.size();
            List<Projection> onto = new ArrayList<>();
            int count = 0;
            int maxDelay = 1;
            for (Projection p : projections) {
                if (p.target() == target) {
                    onto.add(p);
                    count += p.synapseCount();
                    maxDelay = Math.max(maxDelay, p.maxDelay());
                }
            }
            int[] key = new int[count];
            int[] delayOf = new int[count];
            int[] preOf = new int[count];
            float[] weightOf = new float[count];
            int s = 0;
            for (Projection p : onto) {
                Projection.SparseRows rows = p.rows();
                int sourceOffset = offsets.get(p.source());
                int receptor = p.receptorIndex();
                for (int pre = 0; pre + 1 < rows.rowPointer().length; pre++) {
                    for (int j = rows.rowPointer()[pre]; j < rows.rowPointer()[pre + 1]; j++) {
                        key[s] = receptor * n + rows.targets()[j];
                        delayOf[s] = rows.delays() == null ? rows.uniformDelay() : rows.delays()[j];
                        preOf[s] = sourceOffset + pre;
                        weightOf[s] = rows.weights() == null ? rows.uniformWeight() : rows.weights()[j];
                        s++;
                    }
                }
            }
            int longest = maxDelay;
            int[] byDelay = stableOrder(count, longest + 1, k -> longest - delayOf[k], null);
            int[] order = stableOrder(count, receptors * n, k -> key[k], byDelay);
            int[] pointer = new int[receptors * n + 1];
            for (int k = 0; k < count; k++) {
                pointer[key[k] + 1]++;
            }
            for (int b = 0; b < receptors * n; b++) {
                pointer[b + 1] += pointer[b];
            }
            int[] pre = new int[count];
            int[] delay = new int[count];
            float[] weight = new float[count];
            for (int k = 0; k < count; k++) {
                int from = order[k];
                pre[k] = preOf[from];
                delay[k] = delayOf[from];
                weight[k] = weightOf[from];
            }
            return new IncomingSynapses(pointer, pre, delay, weight);
        }

        /** Indices 0..count-1 (in the order of {@code within}, or natural) stably sorted by key in [0, keys). */
        private static int[] stableOrder(int count, int keys, java.util.function.IntUnaryOperator keyOf,
                                         int[] within) {
            int[] starts = new int[keys + 1];
            for (int k = 0; k < count; k++) {
                starts[keyOf.applyAsInt(k) + 1]++;
            }
            for (int b = 0; b < keys; b++) {
                starts[b + 1] += starts[b];
            }
            int[] order = new int[count];
            for (int position = 0; position < count; position++) {
                int k = within == null ? position : within[position];
                order[starts[keyOf.applyAsInt(k)]++] = k;
            }
            return order;
        }
    }
}
