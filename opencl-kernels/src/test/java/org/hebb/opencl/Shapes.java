package org.hebb.opencl;

import java.util.function.Supplier;

/** Runs test work with the OpenCL backend's work shape ({@link OpenClEngine#SHAPE_PROPERTY}), or a property, forced. */
final class Shapes {
    private Shapes() {
    }

    /** {@code work}'s result with the shape {@code shape} ("cpu" or "gpu"), the property restored after. */
    static <T> T inShape(String shape, Supplier<T> work) {
        return withProperty(OpenClEngine.SHAPE_PROPERTY, shape, work);
    }

    /** {@code work}'s result with system property {@code key} set to {@code value}, the property restored after. */
    static <T> T withProperty(String key, String value, Supplier<T> work) {
        String before = System.getProperty(key);
        System.setProperty(key, value);
        try {
            return work.get();
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
