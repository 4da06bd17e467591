package org.hebb.neurons.definition.analysis;

import java.util.Set;

/**
 * Words a definition cannot use as names because its names become identifiers of the generated Java and OpenCL C
 * kernels: the keywords and literals of both languages, OpenCL C's types and address spaces, and the names the
 * generated code itself refers to ({@code Math}, the package root {@code org}, {@code sqrt}, {@code fabs}).
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
            "constant", "kernel", "read_only", "write_only", "read_write", "sampler_t", "event_t", "sqrt", "fabs");
    private static final String VECTOR_TYPE =
            "u?(char|short|int|long)(2|3|4|8|16)?|(float|double|half|bool)(2|3|4|8|16)";

    private GeneratedCodeNames() {
    }

    /** Whether {@code name} is a word of the generated code. */
    static boolean isReserved(String name) {
        return WORDS.contains(name) || name.matches(VECTOR_TYPE) || name.startsWith("hebb_")
                || name.startsWith("image") && name.endsWith("_t");
    }
}
