package org.hebb.simulator.checkpoint;

import java.util.ArrayDeque;
import java.util.Deque;

/** The path of the part a visitor is in, as names joined by '/'. */
final class StatePaths {
    private final Deque<String> parts = new ArrayDeque<>();

    /** Runs {@code visit} inside part {@code name}. */
    void enter(String name, Runnable visit) {
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("state part name = '" + name + "' is not allowed: must be non-empty "
                    + "and without '/'");
        }
        parts.addLast(name);
        try {
            visit.run();
        } finally {
            parts.removeLast();
        }
    }

    /** The path of {@code name} in the current part. */
    String of(String name) {
        StringBuilder path = new StringBuilder();
        parts.forEach(p -> path.append(p).append('/'));
        return path.append(name).toString();
    }
}
