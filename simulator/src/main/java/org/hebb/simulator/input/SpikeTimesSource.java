package org.hebb.simulator.input;

import java.util.Arrays;

import org.hebb.simulator.population.SpikeSourcePopulation;
import org.hebb.util.Require;

/**
 * Spike sources that fire at given times. Under the clock-driven engine element i fires in step round(t / dt) for
 * each of its times t (the step whose start is nearest), and two times of one element in the same step are
 * refused; under the event-driven engine it fires at exactly t, and only equal times are refused.
 */
public final class SpikeTimesSource extends SpikeSourcePopulation {
    private final double[][] timesMs;

    /** Created by {@link org.hebb.simulator.Network#addSpikeTimes}; {@code timesMs[i]} are element i's times. */
    public SpikeTimesSource(String name, double[][] timesMs) {
        super(name, Require.notNull("times", timesMs).length);
        this.timesMs = new double[timesMs.length][];
        for (int i = 0; i < timesMs.length; i++) {
            Require.notNull("times[" + i + "]", timesMs[i]);
            this.timesMs[i] = new double[timesMs[i].length];
            Require.allNonNegative("times[" + i + "]", timesMs[i], "ms");
            for (int j = 0; j < timesMs[i].length; j++) {
                // + 0.0 makes -0.0 ms 0.0 ms, which the searches of the times order after -0.0
                this.timesMs[i][j] = timesMs[i][j] + 0.0;
            }
            Arrays.sort(this.timesMs[i]);
        }
    }

    @Override
    public SpikeGenerator createGenerator(double dt, long key) {
        int n = size();
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + timesMs[i].length;
        }
        long[] steps = new long[offsets[n]];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < timesMs[i].length; j++) {
                long step = Math.round(timesMs[i][j] / dt);
                if (j > 0 && step == steps[offsets[i] + j - 1]) {
                    throw new IllegalArgumentException("times[" + i + "] has " + timesMs[i][j - 1] + " ms and "
                            + timesMs[i][j] + " ms in the same step of dt = " + dt
                            + " ms: an element can fire at most once per step");
                }
                steps[offsets[i] + j] = step;
            }
        }
        int[] cursor = Arrays.copyOf(offsets, n);
        return (step, from, to, spikes) -> {
            int count = 0;
            for (int i = from; i < to; i++) {
                int c = cursor[i];
                // a restored checkpoint may take the clock back: the times from its step on fire again
                while (c > offsets[i] && steps[c - 1] >= step) {
                    c--;
                }
                while (c < offsets[i + 1] && steps[c] < step) {
                    c++;
                }
                if (c < offsets[i + 1] && steps[c] == step) {
                    spikes[count++] = i;
                    c++;
                }
                cursor[i] = c;
            }
            return count;
        };
    }

    @Override
    public EventTimes createEventTimes(long key) {
        for (int i = 0; i < timesMs.length; i++) {
            for (int j = 1; j < timesMs[i].length; j++) {
                Require.that(timesMs[i][j] != timesMs[i][j - 1], "times[" + i + "] has " + timesMs[i][j]
                        + " ms twice: an element can fire only once at a given time");
            }
        }
        final int[] cursor = new int[size()];
        return new EventTimes() {
            @Override
            public void restart(int element, double fromMs) {
                double[] times = timesMs[element];
                int c = Arrays.binarySearch(times, fromMs);
                cursor[element] = c >= 0 ? c : -c - 1;
            }

            @Override
            public double next(int element) {
                double[] times = timesMs[element];
                return cursor[element] < times.length ? times[cursor[element]++] : Double.POSITIVE_INFINITY;
            }
        };
    }
}
