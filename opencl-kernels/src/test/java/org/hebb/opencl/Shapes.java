package org.hebb.opencl;

import java.util.function.Supplier;

/** Runs test work with the OpenCL backend's work shape ({@link OpenClEngine#SHAPE_PROPERTY}) forced. */
final class Shapes {
    private Shapes() {
    }

    /** {@code work}'s result with the shape {@code shape} ("cpu" or "gpu"), the property restored after. */
    static <T> T inShape(String shape, Supplier<T> work) {
        String before = System.getProperty(OpenClEngine.SHAPE_PROPERTY);
        System.setProperty(OpenClEngine.SHAPE_PROPERTY, shape);
        try {
            return work.get();
        } finally {
            if (before == null) {
                System.clearProperty(OpenClEngine.SHAPE_PROPERTY);
            } else {
                System.setProperty(OpenClEngine.SHAPE_PROPERTY, before);
            }
        }
    }
}
