package org.hebb.simulator.connect;

import java.util.Arrays;
import java.util.function.IntSupplier;

import org.apache.commons.rng.UniformRandomProvider;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.hebb.simulator.checkpoint.CheckpointFile;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/**
 * The synapses from one population onto one receptor of a neuron population, in compressed sparse rows: the
 * synapses of presynaptic element i are indices {@code rowStart(i)} to {@code rowEnd(i) - 1}, sorted by target.
 * Per synapse: target index and, when they differ between synapses, a weight and a delay (a projection whose
 * synapses all share one weight or one delay stores it once). Delays are whole steps for the clock-driven engine
 * and continuous times in ms for the event-driven engine ({@link #hasContinuousDelays()}).
 */
public final class Projection {
    /** The most synapses a projection holds (its synapses are indexed by int, in Java arrays). */
    public static final int MAX_SYNAPSES = Integer.MAX_VALUE - 8;

    private final String name;
    private final Population source;
    private final NeuronPopulation target;
    private final String receptor;
    private final int receptorIndex;
    private final int[] rowPointer;
    private final int[] targets;
    private float[] weights;
    private final float uniformWeight;
    private final short[] delays;
    private final int uniformDelay;
    private final double[] delaysMs;
    /** The delay of every synapse when {@code delaysMs} is null (event-driven engine); NaN with step delays. */
    private final double uniformDelayMs;
    private final String description;
    private IncomingSynapses incoming;
    /** {@link #connectivityDigest}, or -1 until first asked for (the rows never change). */
    private volatile long connectivityDigest = -1;
    /** {@link #delayDigest}, or -1 until first asked for (the delays never change). */
    private volatile long delayDigest = -1;

    private Projection(String name, Population source, NeuronPopulation target, String receptor, int[] rowPointer,
                       int[] targets, float[] weights, float uniformWeight, short[] delays, int uniformDelay,
                       double[] delaysMs, double uniformDelayMs, String description) {
        this.name = name;
        this.source = source;
        this.target = target;
        this.receptor = receptor;
        this.receptorIndex = target.model().receptorIndex(receptor);
        this.rowPointer = rowPointer;
        this.targets = targets;
        this.weights = weights;
        this.uniformWeight = uniformWeight;
        this.delays = delays;
        this.uniformDelay = uniformDelay;
        this.delaysMs = delaysMs;
        this.uniformDelayMs = uniformDelayMs;
        this.description = description;
    }

    /**
     * Builds a projection: draws the pairs, then weights and delays (each from streams derived from the master seed
     * and {@code name}), validates them against the receptor, and sorts them into rows. A {@link RowConnector}'s
     * projection is drawn on up to {@code threads} threads, the same for any number of them.
     *
     * @param continuousDelays whether delays are kept in ms (event-driven engine) rather than whole steps
     */
    public static Projection build(String name, Population source, NeuronPopulation target, Connector connector,
                                   Synapses synapses, double dt, long masterSeed, boolean continuousDelays,
                                   int threads) {
        Require.notNull("connector", connector);
        Require.notNull("synapses", synapses);
        target.model().receptorIndex(synapses.receptor()); // refuses a receptor the model lacks, naming its own
        Require.that(synapses.weightDistribution() != null || synapses.explicitWeights() != null,
                "weights of projection '" + name + "' are not set: call Synapses.weights(...)");
        if (connector instanceof RowConnector rows) {
            return RowDrawing.build(name, source, target, rows, synapses, dt, masterSeed, continuousDelays, threads);
        }
        Require.that(source.size() < MAX_SYNAPSES, "source " + source + " of projection '" + name + "' is not "
                + "allowed: must have at most " + (MAX_SYNAPSES - 1) + " elements (its row offsets, one more, are an "
                + "int array)");
        IntArrayList pre = new IntArrayList();
        IntArrayList post = new IntArrayList();
        connector.connect(source, target, Seeds.generator(masterSeed, "connect:" + name), (i, j) -> {
            if (i < 0 || i >= source.size() || j < 0 || j >= target.size()) {
                throw new IllegalArgumentException("connector " + connector.describe() + " of projection '" + name
                        + "' made pair (" + i + ", " + j + "): must lie within [0, " + source.size() + ") x [0, "
                        + target.size() + ")");
            }
            if (pre.size() == MAX_SYNAPSES) {
                throw new IllegalArgumentException("connector " + connector.describe() + " of projection '" + name
                        + "' made more than " + MAX_SYNAPSES + " synapses: must make at most " + MAX_SYNAPSES
                        + " (a projection's synapses are indexed by int)");
            }
            pre.add(i);
            post.add(j);
        });
        int count = pre.size();
        float[] w = drawWeights(name, synapses, count, Seeds.generator(masterSeed, "weights:" + name));
        SynapseValues.requireAllowed(name, target, synapses.receptor(), w, 0, count,
                k -> pre.get(k) + " -> " + post.get(k));
        UniformRandomProvider delayStream = Seeds.generator(masterSeed, "delays:" + name);
        double[] d = continuousDelays ? drawDelaysMs(name, synapses, count, dt, delayStream) : null;
        int[] steps = continuousDelays ? null : drawDelays(name, synapses, count, dt, delayStream);
        return sortIntoRows(name, source, target, synapses, pre.toArray(), post.toArray(), w, steps, d,
                connector.describe());
    }

    private static float[] drawWeights(String name, Synapses synapses, int count, UniformRandomProvider random) {
        if (synapses.explicitWeights() != null) {
            return SynapseValues.explicitWeights(name, synapses, count);
        }
        float[] w = new float[count];
        SynapseValues.drawWeights(name, synapses, random, w, 0, count);
        return w;
    }

    private static int[] drawDelays(String name, Synapses synapses, int count, double dt,
                                    UniformRandomProvider random) {
        if (synapses.explicitDelays() != null) {
            return SynapseValues.explicitDelays(name, synapses, count);
        }
        int[] d = new int[count];
        IntSupplier delays = synapses.delayDistribution().stepSampler(random, dt);
        for (int k = 0; k < count; k++) {
            d[k] = SynapseValues.checkedSteps(name, synapses, k, delays.getAsInt());
        }
        return d;
    }

    private static double[] drawDelaysMs(String name, Synapses synapses, int count, double dt,
                                         UniformRandomProvider random) {
        double[] d = new double[count];
        SynapseValues.drawDelaysMs(name, synapses, dt, random, d, 0, count);
        return d;
    }

    private static Projection sortIntoRows(String name, Population source, NeuronPopulation target,
                                           Synapses synapses, int[] pre, int[] post, float[] w, int[] d,
                                           double[] dMs, String connection) {
        // each loop is a method of its own: the JIT then compiles small methods, quickly, instead of this one with
        // every loop inlined, a compilation still running when the network's first steps need the compiler
        int[] rowPointer = RowOffsets.of(pre, source.size());
        int[] order = orderByRow(pre, rowPointer);
        for (int i = 0; i < source.size(); i++) {
            sortRowByTarget(order, rowPointer[i], rowPointer[i + 1], post);
        }
        return assemble(name, source, target, synapses, rowPointer, gather(post, order), gather(w, order),
                d == null ? null : SynapseValues.toShorts(gather(d, order)), d == null ? gather(dMs, order) : null,
                connection);
    }

    /**
     * A projection of synapses already in rows; a weight or delay array whose values all agree is stored once.
     *
     * @param delaySteps delays in steps, or null with continuous delays
     * @param delaysMs   continuous delays in ms (event-driven engine), or null with step delays
     * @param connection the connector's description
     */
    static Projection assemble(String name, Population source, NeuronPopulation target, Synapses synapses,
                               int[] rowPointer, int[] targets, float[] weights, short[] delaySteps,
                               double[] delaysMs, String connection) {
        int count = targets.length;
        boolean uniformDelays = delaySteps != null ? allEqual(delaySteps) : allEqual(delaysMs);
        double[] delaysMsStored = uniformDelays ? null : delaysMs;
        int uniformDelay = delaySteps == null || count == 0 ? 1 : delaySteps[0];
        double uniformDelayMs = delaySteps != null ? Double.NaN : count == 0 ? Double.POSITIVE_INFINITY
                : delaysMs[0];
        String description = connection + ", weights " + (synapses.weightDistribution() != null
                ? synapses.weightDistribution().describe() : "explicit") + " "
                + target.model().receptorKind(synapses.receptor()).weightUnit() + ", delays "
                + (synapses.delayDistribution() != null ? synapses.delayDistribution().describe() : "explicit");
        return new Projection(name, source, target, synapses.receptor(), rowPointer, targets,
                allEqualBits(weights) ? null : weights, count == 0 ? 0f : weights[0],
                uniformDelays ? null : delaySteps, uniformDelay, delaysMsStored, uniformDelayMs, description);
    }

    /** The synapses' indices in the order of their rows, each row in the order the connector emitted them. */
    private static int[] orderByRow(int[] pre, int[] rowPointer) {
        int[] fill = Arrays.copyOf(rowPointer, rowPointer.length - 1);
        int[] order = new int[pre.length];
        for (int k = 0; k < pre.length; k++) {
            order[fill[pre[k]]++] = k;
        }
        return order;
    }

    private static int[] gather(int[] values, int[] order) {
        int[] out = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = values[order[k]];
        }
        return out;
    }

    private static float[] gather(float[] values, int[] order) {
        float[] out = new float[order.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = values[order[k]];
        }
        return out;
    }

    private static double[] gather(double[] values, int[] order) {
        double[] out = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = values[order[k]];
        }
        return out;
    }

    private static boolean allEqual(short[] values) {
        for (short value : values) {
            if (value != values[0]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allEqual(double[] values) {
        for (double value : values) {
            if (value != values[0]) {
                return false;
            }
        }
        return true;
    }

    /** Whether every value has the bits of the first (so 0 and -0, or two NaNs of different bits, differ). */
    private static boolean allEqualBits(float[] values) {
        for (float value : values) {
            if (Float.floatToIntBits(value) != Float.floatToIntBits(values[0])) {
                return false;
            }
        }
        return true;
    }

    private static void sortRowByTarget(int[] order, int from, int to, int[] post) {
        boolean sorted = true;
        for (int k = from + 1; k < to && sorted; k++) {
            sorted = post[order[k - 1]] <= post[order[k]];
        }
        if (sorted) {
            return;
        }
        long[] keys = new long[to - from];
        for (int k = from; k < to; k++) {
            keys[k - from] = ((long) post[order[k]] << 32) | (k - from);
        }
        Arrays.sort(keys);
        int[] copy = Arrays.copyOfRange(order, from, to);
        for (int k = 0; k < keys.length; k++) {
            order[from + k] = copy[(int) keys[k]];
        }
    }

    /** The projection's name (unique in its network). */
    public String name() {
        return name;
    }

    /** The presynaptic population. */
    public Population source() {
        return source;
    }

    /** The postsynaptic population. */
    public NeuronPopulation target() {
        return target;
    }

    /** The target receptor's name. */
    public String receptor() {
        return receptor;
    }

    /** The target receptor's index in the target model's receptor list. */
    public int receptorIndex() {
        return receptorIndex;
    }

    /** Number of synapses. */
    public int synapseCount() {
        return targets.length;
    }

    /** First synapse index of presynaptic element {@code pre}. */
    public int rowStart(int pre) {
        return rowPointer[pre];
    }

    /** One past the last synapse index of presynaptic element {@code pre}. */
    public int rowEnd(int pre) {
        return rowPointer[pre + 1];
    }

    /** Postsynaptic neuron of synapse {@code index}. */
    public int targetOf(int index) {
        return targets[index];
    }

    /** Weight of synapse {@code index}, in the receptor's unit. */
    public float weightOf(int index) {
        return weights == null ? uniformWeight : weights[index];
    }

    /** A copy of every synapse's weight, in synapse index order. */
    public float[] weights() {
        if (weights != null) {
            return weights.clone();
        }
        float[] all = new float[targets.length];
        Arrays.fill(all, uniformWeight);
        return all;
    }

    /**
     * The index of the first synapse in [{@code from}, {@code to}) whose weight is NaN or infinite, or -1 when every
     * one there is finite (always -1 for a weight shared by every synapse, which was checked when the projection was
     * built). Reads the live array.
     */
    public int firstNonFiniteWeight(int from, int to) {
        requireSynapseRange(from, to);
        if (weights != null) {
            for (int i = from; i < to; i++) {
                if (!Float.isFinite(weights[i])) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Refuses a range [{@code from}, {@code to}) of synapses that is not within this projection's, naming it.
     *
     * @throws IllegalArgumentException unless 0 &lt;= from &lt;= to &lt;= the synapse count
     */
    public void requireSynapseRange(int from, int to) {
        if (from < 0 || from > to || to > targets.length) {
            // not Require.that: a check during runs must not build the message when all is well
            throw new IllegalArgumentException("synapses [" + from + ", " + to + ") are not allowed: projection '"
                    + name + "' has synapses 0 to " + (targets.length - 1));
        }
    }

    /** The presynaptic element of synapse {@code index}: the row that holds it. */
    public int sourceOf(int index) {
        Require.that(index >= 0 && index < targets.length, "synapse index = " + index + " is not allowed: "
                + "projection '" + name + "' has synapses 0 to " + (targets.length - 1));
        // the last row starting at or before index: rows before it may be empty and start there too
        return SparseRows.firstAtLeast(rowPointer, 0, rowPointer.length, index + 1) - 1;
    }

    /**
     * Gives every synapse its own weight entry (for rules that change weights one by one), if it does not have
     * one yet; costs 4 bytes per synapse.
     */
    public void storeWeightsPerSynapse() {
        if (weights == null) {
            weights = weights();
        }
    }

    /** The transposed index (built on first use and kept). */
    public IncomingSynapses incoming() {
        if (incoming == null) {
            incoming = IncomingSynapses.of(rowPointer, targets, target.size());
        }
        return incoming;
    }

    /** Whether every synapse has the same weight (stored once). */
    public boolean hasUniformWeight() {
        return weights == null;
    }

    /** Whether delays are continuous times in ms (event-driven engine) rather than whole steps. */
    public boolean hasContinuousDelays() {
        return !Double.isNaN(uniformDelayMs);
    }

    private void requireStepDelays() {
        if (hasContinuousDelays()) {
            throw new IllegalStateException("delays of projection '" + name + "' are continuous (event-driven "
                    + "engine): read them with delayMsOf");
        }
    }

    /** Delay of synapse {@code index} in ms: exact under the event-driven engine, steps * dt otherwise. */
    public double delayMsOf(int index, double dt) {
        if (!hasContinuousDelays()) {
            return delayOf(index) * dt;
        }
        return delaysMs == null ? uniformDelayMs : delaysMs[index];
    }

    /** Delay of synapse {@code index} in steps (clock-driven engine). */
    public int delayOf(int index) {
        requireStepDelays();
        return delays == null ? uniformDelay : delays[index];
    }

    /** The longest delay in steps (clock-driven engine). */
    public int maxDelay() {
        requireStepDelays();
        if (delays == null) {
            return uniformDelay;
        }
        int max = 1;
        for (short d : delays) {
            max = Math.max(max, d);
        }
        return max;
    }

    /** The shortest delay in steps (clock-driven engine). */
    public int minDelay() {
        requireStepDelays();
        if (delays == null) {
            return uniformDelay;
        }
        int min = Delays.MAX_STEPS;
        for (short d : delays) {
            min = Math.min(min, d);
        }
        return min;
    }

    /** Whether every synapse has the same delay. */
    public boolean hasUniformDelay() {
        return delays == null && delaysMs == null;
    }

    /**
     * A digest of which target each synapse has, in which row: CRC-32C of the row offsets, then the targets, in
     * synapse order ({@link CheckpointFile#digest}), an unsigned 32-bit value. Computed in one pass on first use.
     */
    public long connectivityDigest() {
        long digest = connectivityDigest;
        if (digest < 0) {
            digest = CheckpointFile.digest(rowPointer, targets);
            connectivityDigest = digest;
        }
        return digest;
    }

    /**
     * A digest of the delays of a projection without a {@link #hasUniformDelay uniform delay}: CRC-32C of every
     * synapse's delay in synapse order ({@link CheckpointFile#digest}; steps as 16-bit integers, or ms as doubles
     * with continuous delays), an unsigned 32-bit value. Computed in one pass on first use.
     *
     * @throws IllegalStateException if every synapse has the same delay
     */
    public long delayDigest() {
        if (hasUniformDelay()) {
            throw new IllegalStateException("delays of projection '" + name + "' are uniform: read the delay with "
                    + "delayMsOf(0, dt)");
        }
        long digest = delayDigest;
        if (digest < 0) {
            digest = CheckpointFile.digest(delays != null ? delays : delaysMs);
            delayDigest = digest;
        }
        return digest;
    }

    /** Memory of the synapse arrays in bytes (row pointers, targets, weights, delays, the transposed index). */
    public long memoryBytes() {
        return 4L * rowPointer.length + 4L * targets.length + (weights == null ? 0 : 4L * weights.length)
                + (delays == null ? 0 : 2L * delays.length) + (delaysMs == null ? 0 : 8L * delaysMs.length)
                + (incoming == null ? 0 : incoming.memoryBytes());
    }

    /** Memory per synapse in bytes, row pointers included. */
    public double bytesPerSynapse() {
        return targets.length == 0 ? 0 : (double) memoryBytes() / targets.length;
    }

    /** What the projection is: connector, weights and delays. */
    public String describe() {
        return name + ": " + source.name() + " -> " + target.name() + "." + receptor + ", " + synapseCount()
                + " synapses, " + description;
    }

    /**
     * Continuous delays for the event-driven engine: ms per synapse in synapse order, or null when every synapse
     * has {@link #delayMsOf delayMsOf(0, dt)}; not part of the user API.
     */
    public double[] delaysMs() {
        return delaysMs;
    }

    /** The arrays the engine's kernels read directly; not part of the user API. */
    public SparseRows rows() {
        return new SparseRows(rowPointer, targets, weights, uniformWeight, delays, uniformDelay);
    }

    /**
     * Direct access to the compressed sparse rows for backends.
     *
     * @param rowPointer   row start offsets, length source size + 1
     * @param targets      postsynaptic index per synapse
     * @param weights       weight per synapse, or null when all equal {@code uniformWeight}
     * @param uniformWeight the weight of every synapse when {@code weights} is null
     * @param delays        delay in steps per synapse, or null when all equal {@code uniformDelay}
     * @param uniformDelay  the delay of every synapse when {@code delays} is null
     */
    public record SparseRows(int[] rowPointer, int[] targets, float[] weights, float uniformWeight, short[] delays,
                             int uniformDelay) {
        /**
         * The first position in [from, to) of {@code sorted} (ascending there, as targets are within a row) whose
         * value is at least {@code value}, or {@code to}: where a row enters a block of targets.
         */
        public static int firstAtLeast(int[] sorted, int from, int to, int value) {
            int lo = from;
            int hi = to;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < value) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
