package org.hebb.neurons.definition.generate;

import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;
import org.hebb.neurons.NeuronKernel;

/**
 * Compiles generated kernel sources with Janino, in memory, once per distinct source (a source depends on the
 * definition and dt, not on the parameter values, which are passed to the constructor).
 *
 * <p>Janino compiles a kernel in milliseconds, needs no JDK at run time (javax.tools does), and its bytecode
 * is compiled by HotSpot like javac's.
 */
public final class JavaKernels {
    private static final Map<String, Constructor<?>> COMPILED = new ConcurrentHashMap<>();

    private JavaKernels() {
    }

    /** Compiles {@code source}, unless it was compiled before. */
    public static void compiled(String source) {
        COMPILED.computeIfAbsent(source, s -> compile(s, JavaKernelSource.CLASS_NAME));
    }

    /**
     * A single-precision kernel instance of {@code source} over {@code stored} and {@code scratch} arrays with
     * constants {@code k}.
     */
    public static NeuronKernel instantiate(String source, float[][] stored, float[][] scratch, float[] k) {
        return create(source, stored, scratch, k);
    }

    /** A double-precision kernel instance, as {@link #instantiate(String, float[][], float[][], float[])}. */
    public static NeuronKernel instantiate(String source, double[][] stored, double[][] scratch, double[] k) {
        return create(source, stored, scratch, k);
    }

    private static NeuronKernel create(String source, Object stored, Object scratch, Object k) {
        return instantiate(source, JavaKernelSource.CLASS_NAME, NeuronKernel.class, stored, scratch, k);
    }

    /**
     * An instance of the class {@code className} of the generated {@code source} (compiled once), a {@code type},
     * made by its only constructor with {@code arguments}; the source's classes see Hebb's classes.
     */
    public static <T> T instantiate(String source, String className, Class<T> type, Object... arguments) {
        try {
            return type.cast(COMPILED.computeIfAbsent(source, s -> compile(s, className)).newInstance(arguments));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the generated " + className + " could not be created", e);
        }
    }

    private static Constructor<?> compile(String source, String className) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(JavaKernels.class.getClassLoader());
        compiler.setTargetVersion(8);
        try {
            compiler.cook(source);
            return compiler.getClassLoader().loadClass(className).getConstructors()[0];
        } catch (CompileException | ClassNotFoundException e) {
            throw new IllegalStateException("Hebb generated code that does not compile (a defect of Hebb; "
                    + "please report it with this source):\n" + source, e);
        }
    }
}
