package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.EventQueueKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/**
 * The calendar queue against the binary heap: the same operations must give the same events in the same order
 * (ties in time broken by payload; the engine never queues two events with the same time and payload), through
 * dense and sparse phases that make the calendar's width and bucket count adapt, far-future and equal times,
 * replacements and clears; and a network gives the same spikes with either.
 */
class EventQueueTest {

    @Test
    void calendarGivesTheHeapsOrderWhileItsWidthAdapts() {
        BinaryHeapEventQueue heap = new BinaryHeapEventQueue(16);
        CalendarEventQueue calendar = new CalendarEventQueue(0.1);
        SplittableRandom random = new SplittableRandom(7);
        double now = 0;
        long payload = 0;
        double lastTime = 0;
        double narrowest = calendar.widthMs();
        double widest = calendar.widthMs();
        int mostBuckets = calendar.buckets();
        // phases: dense (events 0.001 ms apart), sparse (100 ms apart), dense again, with a clear before the last
        double[] meanGaps = {0.001, 100, 0.001};
        for (int phase = 0; phase < meanGaps.length; phase++) {
            if (phase == 2) {
                heap.clear();
                calendar.clear();
                assertEquals(0, calendar.size());
            }
            int target = phase == 1 ? 20_000 : 2000;
            for (int op = 0; op < 400_000; op++) {
                boolean insert = heap.size() < target / 2 || (heap.size() < 2 * target && random.nextBoolean());
                if (insert) {
                    double time = random.nextInt(8) == 0 ? Math.max(lastTime, now)
                            : now + nextDelay(random, meanGaps[phase] * target);
                    heap.add(time, payload, now);
                    calendar.add(time, payload, now);
                    payload++;
                    lastTime = time;
                } else {
                    assertSameFirst(heap, calendar);
                    now = heap.peekTime();
                    if (random.nextInt(3) == 0) {
                        double time = now + nextDelay(random, meanGaps[phase] * target);
                        heap.replaceFirst(time, payload, now);
                        calendar.replaceFirst(time, payload, now);
                        payload++;
                    } else {
                        heap.removeFirst();
                        calendar.removeFirst();
                    }
                }
                assertEquals(heap.size(), calendar.size());
                narrowest = Math.min(narrowest, calendar.widthMs());
                widest = Math.max(widest, calendar.widthMs());
                mostBuckets = Math.max(mostBuckets, calendar.buckets());
            }
        }
        while (!heap.isEmpty()) {
            assertSameFirst(heap, calendar);
            heap.removeFirst();
            calendar.removeFirst();
        }
        assertTrue(calendar.isEmpty());
        assertEquals(Double.POSITIVE_INFINITY, calendar.peekTime());
        assertTrue(narrowest < 0.1 / 8, "width never narrowed: " + narrowest);
        assertTrue(widest > 0.1 * 8, "width never widened: " + widest);
        assertTrue(mostBuckets > 2 * CalendarEventQueue.MIN_BUCKETS, "bucket count never grew: " + mostBuckets);
    }

    /** Mostly exponential delays around the mean, some zero (ties), some far beyond any window. */
    private static double nextDelay(SplittableRandom random, double mean) {
        return switch (random.nextInt(20)) {
            case 0 -> 0;
            case 1 -> 1e9 * random.nextDouble();
            case 2 -> 1e30;
            default -> -mean * Math.log(1 - random.nextDouble());
        };
    }

    private static void assertSameFirst(EventQueue expected, EventQueue actual) {
        assertEquals(expected.peekTime(), actual.peekTime());
        assertEquals(expected.peekPayload(), actual.peekPayload());
        assertEquals(expected.peekOrigin(), actual.peekOrigin());
    }

    @Test
    void networkSpikesDoNotDependOnTheQueue() {
        SpikeMonitor calendar = runNetwork(EventQueueKind.CALENDAR);
        SpikeMonitor heap = runNetwork(EventQueueKind.BINARY_HEAP);
        assertTrue(heap.times().length > 5000, "too few spikes to compare: " + heap.times().length);
        assertArrayEquals(heap.neurons(), calendar.neurons());
        assertArrayEquals(heap.times(), calendar.times());
    }

    private static SpikeMonitor runNetwork(EventQueueKind queue) {
        try (Network net = Network.builder().engine(EngineKind.EVENT_DRIVEN).eventQueue(queue).seed(5).build()) {
            IfCurrExp model = IfCurrExp.builder().cm(0.25).tauM(10).vRest(-65).vReset(-65).vThresh(-50)
                    .tauRefrac(2).tauSynE(5).tauSynI(10).build();
            NeuronPopulation cells = net.addNeurons("cells", 2000, model);
            PoissonSource drive = net.addPoissonSource("drive", 2000, 20);
            net.connect(drive, cells, Connectors.oneToOne(), Synapses.onto("excitatory")
                    .weights(Values.constant(2.0)).delays(Delays.ms(1.0)));
            net.connect(cells, cells, Connectors.fixedInDegree(80, false), Synapses.onto("excitatory")
                    .weights(Values.constant(0.1)).delays(Delays.uniformMs(1, 5)).named("e"));
            net.connect(cells, cells, Connectors.fixedInDegree(20, false), Synapses.onto("inhibitory")
                    .weights(Values.constant(-0.4)).delays(Delays.uniformMs(1, 5)).named("i"));
            SpikeMonitor spikes = net.monitorSpikes(cells);
            net.run(300);
            return spikes;
        }
    }
}
