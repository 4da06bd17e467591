package org.hebb.neurons.definition.analysis;

import java.util.Set;

/**
 * Words a definition cannot use as names because its names become identifiers of the generated Java and OpenCL C
 * kernels: the keywords and literals of both languages, OpenCL C's types, address spaces and predefined macros
 * ({@code INFINITY}, {@code M_PI}, {@code FLT_MAX}, {@code cl_khr_fp64}, ...), and the names the generated code
 * itself refers to ({@code Math}, the package root {@code org}, {@code sqrt}, {@code fabs}).
 */
final class GeneratedCodeNames {
    private static final Set<String> WORDS = Set.of(
            // Java
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for",
            "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
            "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super",
            "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
            "true", "false", "null", "var", "yield", "record", "Math", "org",
            // C99 and OpenCL C
            "auto", "extern", "inline", "register", "restrict", "signed", "sizeof", "struct", "typedef", "union",
            "unsigned", "bool", "half", "size_t", "ptrdiff_t", "intptr_t", "uintptr_t", "global", "local",
            "constant", "kernel", "read_only", "write_only", "read_write", "sampler_t", "event_t", "sqrt", "fabs",
            "vec_step",
            // OpenCL C's predefined macros, which would replace a variable of their name
            "NULL", "NAN", "INFINITY", "HUGE_VAL", "HUGE_VALF", "MAXFLOAT", "CHAR_BIT", "FP_FAST_FMA",
            "FP_FAST_FMAF", "FP_ILOGB0", "FP_ILOGBNAN");
    /** OpenCL C's macros of limits, constants, fences and versions, and the macros its extensions define. */
    private static final String MACRO =
            "(FLT|DBL|HALF)_[A-Z0-9_]+|(S|U)?CHAR_(MAX|MIN)|U?(SHRT|INT|LONG)_(MAX|MIN)|M_[A-Z0-9_]+"
            + "|CLK_[A-Z0-9_]+|CL_[A-Z0-9_]+|cl_[a-z]+_[A-Za-z0-9_]+";
    private static final String VECTOR_TYPE =
            "u?(char|short|int|long)(2|3|4|8|16)?|(float|double|half|bool)(2|3|4|8|16)";

    private GeneratedCodeNames() {
    }

    /** Whether {@code name} is a word of the generated code. */
    static boolean isReserved(String name) {
        return WORDS.contains(name) || name.matches(VECTOR_TYPE) || name.matches(MACRO) || name.startsWith("hebb_")
                || name.startsWith("image") && name.endsWith("_t");
    }
}
