package org.hebb.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * One thread drives a network at a time: a run, a reset or a close from a second thread while a run is under way,
 * or from inside that run (a step callback), is refused, and the network goes on serving its rightful caller.
 */
class RunReentryTest {
    private static final IfCurrExp MODEL = IfCurrExp.builder().build();

    private static Network network() {
        Network net = Network.builder().dt(0.1).threads(2).build();
        NeuronPopulation a = net.addNeurons("a", 100, MODEL);
        a.inject(Currents.constant(1));
        return net;
    }

    @Test
    void aSecondThreadCannotDriveTheNetworkWhileItRuns() throws Exception {
        try (Network net = network()) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            net.afterEachStep((step, timeMs) -> {
                if (step == 4) {
                    inside.countDown();
                    awaitUninterruptibly(release);
                }
            });
            AtomicReference<Throwable> firstFailure = new AtomicReference<>();
            Thread first = new Thread(() -> {
                try {
                    net.run(1);
                } catch (Throwable t) {
                    firstFailure.set(t);
                } finally {
                    inside.countDown();
                }
            }, "first-runner");
            first.start();
            try {
                inside.await();
                assertRefusedWhileAnotherThreadRuns("run", () -> net.run(1));
                assertRefusedWhileAnotherThreadRuns("resetState", net::resetState);
                assertRefusedWhileAnotherThreadRuns("close", net::close);
            } finally {
                release.countDown();
                first.join();
            }
            assertNull(firstFailure.get(), "the first run was not disturbed");
            assertEquals(10, net.stepsRun(), "the first run ran its 10 steps");
            net.run(1);
            assertEquals(20, net.stepsRun(), "the network serves the next run");
        }
    }

    private static void assertRefusedWhileAnotherThreadRuns(String operation, Executable call) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call);
        assertTrue(e.getMessage().startsWith(operation + " is not allowed while thread 'first-runner' runs this "
                + "network"), e.getMessage());
    }

    @Test
    void aStepCallbackCannotDriveTheNetwork() {
        try (Network net = network()) {
            String[] operations = {"run", "resetState", "close"};
            Executable[] calls = {() -> net.run(1), net::resetState, net::close};
            int[] armed = {-1};
            long[] trigger = {-1};
            net.afterEachStep((step, timeMs) -> {
                if (armed[0] >= 0 && step == trigger[0]) {
                    try {
                        calls[armed[0]].execute();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Throwable t) {
                        throw new AssertionError(t);
                    }
                }
            });
            for (int k = 0; k < calls.length; k++) {
                armed[0] = k;
                long before = net.stepsRun();
                trigger[0] = before + 4;
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.run(1));
                assertTrue(e.getMessage().startsWith(operations[k] + " is not allowed during a run of this network"),
                        e.getMessage());
                assertEquals(before + 5, net.stepsRun(), "the run stopped after the step whose callback failed");
                armed[0] = -1;
                net.run(1);
                assertEquals(before + 15, net.stepsRun(), "the network serves the next run");
            }
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
