package org.hebb.simulator.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs beyond a JDK and Maven (an OpenCL driver, a data set package): a test whose prerequisite is
 * missing is skipped with one line naming what is missing and the package that provides it, so that
 * {@code mvn verify} passes on a fresh machine. With the environment variable {@value #REQUIRE_ALL} set to
 * {@code true} (as CI sets it, after installing the packages) a missing prerequisite fails the test instead.
 */
public final class Prerequisites {
    /** Environment variable that turns every skip for a missing prerequisite into a failure. */
    public static final String REQUIRE_ALL = "HEBB_REQUIRE_ALL_TESTS";
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private Prerequisites() {
    }

    /**
     * Skips the calling test when {@code missing} is not null, or fails it when {@value #REQUIRE_ALL} is
     * {@code true}. Call it from the test or from {@code @BeforeEach} (a skip from {@code @BeforeAll} is not counted
     * as skipped in Maven's report). Each reason is printed once.
     *
     * @param missing what is missing and how to install it, or null when the prerequisite is there
     */
    public static void require(String missing) {
        if (missing == null) {
            return;
        }
        if (Boolean.parseBoolean(System.getenv(REQUIRE_ALL))) {
            Assertions.fail(missing + " (" + REQUIRE_ALL + "=true: every test must run)");
        }
        if (REPORTED.add(missing)) {
            System.out.println("Skipped: " + missing);
        }
        Assumptions.abort(missing);
    }
}
