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
    private static final Map<String, Constructor<? extends NeuronKernel>> COMPILED = new ConcurrentHashMap<>();

    private JavaKernels() {
    }

    /** Compiles {@code source}, unless it was compiled before. */
    public static void compiled(String source) {
        COMPILED.computeIfAbsent(source, JavaKernels::compile);
    }

    /** A kernel instance of {@code source} over {@code stored} and {@code scratch} arrays with constants {@code k}. */
    public static NeuronKernel instantiate(String source, float[][] stored, float[][] scratch, float[] k) {
        try {
            return COMPILED.computeIfAbsent(source, JavaKernels::compile).newInstance(stored, scratch, k);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the generated kernel could not be created", e);
        }
    }

    private static Constructor<? extends NeuronKernel> compile(String source) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(JavaKernels.class.getClassLoader());
        compiler.setTargetVersion(8);
        try {
            compiler.cook(source);
            Class<? extends NeuronKernel> kernel = compiler.getClassLoader()
                    .loadClass(JavaKernelSource.CLASS_NAME).asSubclass(NeuronKernel.class);
            return kernel.getConstructor(float[][].class, float[][].class, float[].class);
        } catch (CompileException | ReflectiveOperationException e) {
            throw new IllegalStateException("Hebb generated a kernel that does not compile (a defect of Hebb; "
                    + "please report it with this source):\n" + source, e);
        }
    }
}
