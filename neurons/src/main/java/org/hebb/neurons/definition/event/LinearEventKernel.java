package org.hebb.neurons.definition.event;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.hebb.neurons.EventDrivenKernel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.analysis.ConstantEvaluator;
import org.hebb.neurons.definition.analysis.Symbol;

/**
 * The event-driven kernel of any model whose subthreshold dynamics are linear ({@link LinearDynamics}), generated
 * from its definition. Each neuron's state is held in double precision, in base units, as of its last event, and
 * advanced in closed form as an increment: x(t + s) = x(t) + phi(s) (A x(t) + drive), with phi(s) the integral over
 * [0, s] of exp(A u) du from {@link ExponentialBasis}. (The form x_inf + exp(A s) (x(t) - x_inf) around the
 * equilibrium x_inf = -A^-1 drive would lose x in the rounding of x_inf where that lies far away: a membrane that
 * barely leaks.) While refractory the held variables stay where they are and the others follow the system without
 * the held rows (their own basis, the held variables entering their drive). The threshold function along the free
 * trajectory is its value at the start plus a sum over the basis' integrals, searched by {@link ThresholdSearch}.
 *
 * <p>A spike is at the first time the threshold function reaches 0 after the refractory period; a weight arriving
 * at t runs its receptor's statements at t; statements of receptors acting after integration that assign a held
 * variable are lost while the neuron is refractory (as in the clock-driven step). The refractory period is
 * [t_spike, t_spike + period), exactly. Every input and spike also writes the neuron's values into the
 * population's state, so that it always holds each neuron's state as of its last event.
 */
public final class LinearEventKernel implements EventDrivenKernel {
    /** How closely threshold crossings are located, ms. */
    public static final double TOLERANCE_MS = 1e-12;

    private final LinearDynamics dynamics;
    private final NeuronState state;
    private final double dt;
    private final int n;
    private final int size;
    private final ExponentialBasis free;
    private final ThresholdSearch search;
    /**
     * thresholdRows[k][j]: entry j of c^T P_k, so that the threshold's coefficient of q_(k+1) is that row times
     * A x + drive.
     */
    private final double[][] thresholdRows;
    /** The non-zero entries of A, row by row (row i's are [slopeStart[i], slopeStart[i + 1])): column, value. */
    private final int[] slopeStart;
    private final int[] slopeColumn;
    private final double[] slopeValue;
    /** Whether any variable is held while refractory (else all evolve freely through the refractory period). */
    private final boolean anyHeld;
    /** The variables that evolve while refractory (not held), and their system; null when none do. */
    private final int[] movingWhileHeld;
    private final ExponentialBasis heldSystem;
    private final double[] x;
    private final double[] drive;
    private final double[] thresholdRest;
    private final double[] refractoryPeriod;
    private final double[][] resetRest;
    private final double[][][] arrivalRest;
    private final double[] lastTime;
    private final double[] refractoryUntil;
    /** The index in the population's state of each variable, and of the refractory counter (-1 if none). */
    private final int[] stored;
    private final int refractoryOut;
    private final double[] r;
    /** A x + drive at the start of a propagation: the state's rate of change, base units per ms. */
    private final double[] slope;
    private final double[] scratch;
    private final double[] coefficients;
    private final double[] trajectoryStart;
    private final double[] published;
    /**
     * Before a write (reload; made at the first): every neuron's state at the write's time, and as of its last
     * event with that event's time, its drive, the rest of its threshold and the end of its refractory period.
     */
    private double[] beforeWrite;
    private double[] heldX;
    private double[] heldLastTime;
    private double[] heldDrive;
    private double[] heldThresholdRest;
    private double[] heldRefractoryUntil;

    /**
     * The kernel of the model {@code definition} over {@code state} at reporting step {@code dt} ms.
     *
     * @param baseValues the value of each name fixed for the population (a parameter, a unit symbol, {@code dt}), in
     *                   Hebb's base units (mV, ms, nA, um)
     * @throws IllegalArgumentException when the model has no closed form between events, saying why
     */
    public LinearEventKernel(NeuronDefinition definition, ToDoubleFunction<String> baseValues, NeuronState state,
                             double dt) {
        this.dynamics = LinearDynamics.of(definition, baseValues);
        this.state = state;
        this.dt = dt;
        this.n = dynamics.variables.size();
        this.size = state.size();
        this.free = new ExponentialBasis(dynamics.a, Spectrum.of(dynamics.a, dynamics.variables, definition.name()));
        this.search = new ThresholdSearch(free, TOLERANCE_MS, dynamics.strictThreshold);
        this.thresholdRows = new double[n][n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += dynamics.thresholdCoefficients[i] * free.matrix(k, i, j);
                }
                thresholdRows[k][j] = sum;
            }
        }
        this.slopeStart = new int[n + 1];
        int entries = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                entries += dynamics.a[i][j] != 0 ? 1 : 0;
            }
        }
        this.slopeColumn = new int[entries];
        this.slopeValue = new double[entries];
        int e = 0;
        for (int i = 0; i < n; i++) {
            slopeStart[i] = e;
            for (int j = 0; j < n; j++) {
                if (dynamics.a[i][j] != 0) {
                    slopeColumn[e] = j;
                    slopeValue[e++] = dynamics.a[i][j];
                }
            }
        }
        slopeStart[n] = e;
        List<Integer> moving = new ArrayList<>();
        boolean held = false;
        for (int i = 0; i < n; i++) {
            if (dynamics.held[i]) {
                held = true;
            } else {
                moving.add(i);
            }
        }
        this.anyHeld = held;
        if (anyHeld && !moving.isEmpty()) {
            movingWhileHeld = moving.stream().mapToInt(Integer::intValue).toArray();
            double[][] sub = new double[movingWhileHeld.length][movingWhileHeld.length];
            List<String> names = new ArrayList<>();
            for (int p = 0; p < sub.length; p++) {
                names.add(dynamics.variables.get(movingWhileHeld[p]));
                for (int q = 0; q < sub.length; q++) {
                    sub[p][q] = dynamics.a[movingWhileHeld[p]][movingWhileHeld[q]];
                }
            }
            heldSystem = new ExponentialBasis(sub, Spectrum.of(sub, names, definition.name()));
        } else {
            movingWhileHeld = null;
            heldSystem = null;
        }
        this.x = new double[size * n];
        this.drive = new double[size * n];
        this.thresholdRest = new double[size];
        this.refractoryPeriod = new double[size];
        this.resetRest = new double[dynamics.reset.length][size];
        this.arrivalRest = new double[dynamics.arrivals.length][][];
        for (int q = 0; q < arrivalRest.length; q++) {
            arrivalRest[q] = new double[dynamics.arrivals[q].length][size];
        }
        this.lastTime = new double[size];
        this.refractoryUntil = new double[size];
        this.stored = new int[n];
        for (int i = 0; i < n; i++) {
            stored[i] = state.indexOf(dynamics.variables.get(i));
        }
        this.refractoryOut = dynamics.refractory == null ? -1 : state.indexOf(NeuronDefinition.REFRACTORY_COUNTER);
        this.r = new double[2 * n];
        this.slope = new double[n];
        this.scratch = new double[n];
        this.coefficients = new double[n];
        this.trajectoryStart = new double[n];
        this.published = new double[n];
    }

    @Override
    public void load(double timeMs, float[] injectedCurrent) {
        NeuronDefinition d = dynamics.definition;
        double injectedFactor = d.injectedUnit().factor();
        for (int i = 0; i < size; i++) {
            int neuron = i;
            ToDoubleFunction<String> values = name -> {
                Symbol s = d.scope().get(name);
                if (s != null && s.kind() == Symbol.Kind.NEURON_PARAMETER) {
                    return state.get(state.indexOf(name), neuron) * s.unit().factor();
                }
                if (s != null && s.kind() == Symbol.Kind.INJECTED) {
                    return injectedCurrent[neuron] * injectedFactor;
                }
                return dynamics.constantValue(name);
            };
            int o = i * n;
            for (int j = 0; j < n; j++) {
                x[o + j] = state.get(stored[j], i) * dynamics.factors[j];
                drive[o + j] = ConstantEvaluator.evaluate(dynamics.drive[j], values);
            }
            thresholdRest[i] = ConstantEvaluator.evaluate(dynamics.thresholdRest, values);
            refractoryPeriod[i] = dynamics.refractory == null ? 0
                    : ConstantEvaluator.evaluate(dynamics.refractory, values);
            for (int q = 0; q < resetRest.length; q++) {
                resetRest[q][i] = ConstantEvaluator.evaluate(dynamics.reset[q].rest(), values);
            }
            for (int rec = 0; rec < arrivalRest.length; rec++) {
                for (int q = 0; q < arrivalRest[rec].length; q++) {
                    arrivalRest[rec][q][i] = ConstantEvaluator.evaluate(dynamics.arrivals[rec][q].rest(), values);
                }
            }
            lastTime[i] = timeMs;
            // the counter holds the coming steps of the refractory period (-1 or 0: none); writeState inverts this
            refractoryUntil[i] = refractoryOut < 0 ? timeMs : timeMs + Math.max(0, state.get(refractoryOut, i)) * dt;
        }
    }

    /**
     * {@inheritDoc} A variable, or the refractory counter, whose stored value is what {@link #publish} wrote at
     * {@code timeMs} (the kernel's value rounded to the state's precision) keeps the kernel's value at
     * {@code timeMs}. A neuron of which the write changed nothing (its variables, counter, drive and threshold as
     * they were) keeps its state as of its last event, so that its trajectory is the one it had.
     */
    @Override
    public void reload(double timeMs, float[] injectedCurrent) {
        if (beforeWrite == null) {
            beforeWrite = new double[size * n];
            heldX = new double[size * n];
            heldLastTime = new double[size];
            heldDrive = new double[size * n];
            heldThresholdRest = new double[size];
            heldRefractoryUntil = new double[size];
        }
        for (int i = 0; i < size; i++) {
            stateAt(i, timeMs, false, beforeWrite, i * n);
        }
        System.arraycopy(x, 0, heldX, 0, size * n);
        System.arraycopy(drive, 0, heldDrive, 0, size * n);
        System.arraycopy(lastTime, 0, heldLastTime, 0, size);
        System.arraycopy(thresholdRest, 0, heldThresholdRest, 0, size);
        System.arraycopy(refractoryUntil, 0, heldRefractoryUntil, 0, size);
        load(timeMs, injectedCurrent);
        boolean single = state.precision() == Precision.SINGLE;
        for (int i = 0; i < size; i++) {
            int o = i * n;
            boolean untouched = thresholdRest[i] == heldThresholdRest[i];
            for (int j = 0; j < n; j++) {
                untouched &= drive[o + j] == heldDrive[o + j];
                if (state.get(stored[j], i) == asStored(beforeWrite[o + j] / dynamics.factors[j], single)) {
                    x[o + j] = beforeWrite[o + j];
                } else {
                    untouched = false;
                }
            }
            if (refractoryOut < 0 || state.get(refractoryOut, i)
                    == asStored(Math.max(0, heldRefractoryUntil[i] - timeMs) / dt, single)) {
                refractoryUntil[i] = heldRefractoryUntil[i];
            } else {
                untouched = false;
            }
            if (untouched) {
                System.arraycopy(heldX, o, x, o, n);
                lastTime[i] = heldLastTime[i];
            }
        }
    }

    /** {@code value} as a state of the given precision stores it. */
    private static double asStored(double value, boolean single) {
        return single ? (float) value : value;
    }

    /**
     * Writes into {@code out[outOffset..+n]} neuron {@code i}'s state at {@code timeMs} (not before its last event)
     * and returns when its free evolution resumes from there (timeMs, or the end of the refractory period if
     * {@code untilFree} and that is later: then the state is the one at that time).
     */
    private double stateAt(int i, double timeMs, boolean untilFree, double[] out, int outOffset) {
        int o = i * n;
        System.arraycopy(x, o, out, outOffset, n);
        double last = lastTime[i];
        double until = refractoryUntil[i];
        double end = untilFree ? Math.max(timeMs, until) : timeMs;
        if (last < until && anyHeld) {
            double heldTo = Math.min(end, until);
            propagateHeld(i, heldTo - last, out, outOffset);
            last = heldTo;
        }
        if (end > last) {
            slope(o, out, outOffset);
            free.basis(end - last, r);
            free.applyIntegral(r, slope, 0, scratch, 0);
            for (int j = 0; j < n; j++) {
                out[outOffset + j] += scratch[j];
            }
        }
        return end;
    }

    /** Sets {@link #slope} to A x + drive for the state {@code x[xOffset..+n]} of the neuron whose drive is at o. */
    private void slope(int o, double[] x, int xOffset) {
        for (int i = 0; i < n; i++) {
            double sum = drive[o + i];
            for (int e = slopeStart[i], end = slopeStart[i + 1]; e < end; e++) {
                sum += slopeValue[e] * x[xOffset + slopeColumn[e]];
            }
            slope[i] = sum;
        }
    }

    /** Advances the variables that move while refractory by {@code s} ms, the held ones fixed. */
    private void propagateHeld(int i, double s, double[] out, int outOffset) {
        if (movingWhileHeld == null || s <= 0) {
            return;
        }
        slope(i * n, out, outOffset);
        int m = movingWhileHeld.length;
        for (int p = 0; p < m; p++) {
            coefficients[p] = slope[movingWhileHeld[p]];
        }
        heldSystem.basis(s, r);
        heldSystem.applyIntegral(r, coefficients, 0, scratch, 0);
        for (int p = 0; p < m; p++) {
            out[outOffset + movingWhileHeld[p]] += scratch[p];
        }
    }

    private void advance(int i, double timeMs) {
        if (timeMs <= lastTime[i]) {
            return;
        }
        stateAt(i, timeMs, false, x, i * n);
        lastTime[i] = timeMs;
    }

    @Override
    public void receive(int neuron, double timeMs, int receptor, double weight) {
        advance(neuron, timeMs);
        AffineStatement[] statements = dynamics.arrivals[receptor];
        boolean lostOnHeld = dynamics.afterIntegration[receptor] && timeMs < refractoryUntil[neuron];
        double w = weight * dynamics.weightFactors[receptor];
        int o = neuron * n;
        for (int q = 0; q < statements.length; q++) {
            AffineStatement s = statements[q];
            if (!(lostOnHeld && dynamics.held[s.target()])) {
                x[o + s.target()] = s.value(x, o, w, arrivalRest[receptor][q][neuron]);
            }
        }
        writeState(neuron);
    }

    @Override
    public void fire(int neuron, double timeMs) {
        advance(neuron, timeMs);
        int o = neuron * n;
        for (int q = 0; q < dynamics.reset.length; q++) {
            AffineStatement s = dynamics.reset[q];
            x[o + s.target()] = s.value(x, o, 0, resetRest[q][neuron]);
        }
        refractoryUntil[neuron] = timeMs + refractoryPeriod[neuron];
        writeState(neuron);
    }

    @Override
    public double nextThresholdTime(int neuron) {
        double start = setTrajectory(neuron);
        return start + search.firstCrossing();
    }

    @Override
    public double nextThresholdTime(int neuron, double notBeforeMs) {
        double start = setTrajectory(neuron);
        return start + search.firstCrossing(Math.max(0, notBeforeMs - start));
    }

    @Override
    public boolean hasCheapThresholdBound() {
        return true;
    }

    @Override
    public double thresholdTimeLowerBound(int neuron) {
        double start = setTrajectory(neuron);
        return start + search.noCrossingBefore();
    }

    /** Sets the search's function from where {@code neuron}'s free evolution resumes; returns that time, ms. */
    private double setTrajectory(int neuron) {
        double start = stateAt(neuron, lastTime[neuron], true, trajectoryStart, 0);
        double atStart = thresholdRest[neuron];
        for (int j = 0; j < n; j++) {
            atStart += dynamics.thresholdCoefficients[j] * trajectoryStart[j];
        }
        slope(neuron * n, trajectoryStart, 0);
        for (int k = 0; k < n; k++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += thresholdRows[k][j] * slope[j];
            }
            coefficients[k] = sum;
        }
        search.set(atStart, coefficients);
        return start;
    }

    @Override
    public void publish(double timeMs) {
        for (int i = 0; i < size; i++) {
            stateAt(i, timeMs, false, published, 0);
            for (int j = 0; j < n; j++) {
                state.set(stored[j], i, published[j] / dynamics.factors[j]);
            }
            if (refractoryOut >= 0) {
                state.set(refractoryOut, i, Math.max(0, refractoryUntil[i] - timeMs) / dt);
            }
        }
    }

    /** Writes neuron {@code i}'s values as of its last event into the population's state arrays. */
    private void writeState(int i) {
        int o = i * n;
        for (int j = 0; j < n; j++) {
            state.set(stored[j], i, x[o + j] / dynamics.factors[j]);
        }
        if (refractoryOut >= 0) {
            state.set(refractoryOut, i, Math.max(0, refractoryUntil[i] - lastTime[i]) / dt);
        }
    }
}
