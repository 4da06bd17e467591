package org.hebb.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.hebb.simulator.run.SimulationAbortedException;
import picocli.CommandLine;

/** One-line descriptions of the errors a run can end with, for people rather than for stack traces. */
final class ErrorMessages {
    private ErrorMessages() {
    }

    /**
     * The exception's message, followed by each cause's where it adds something; Hebb's refusals
     * (IllegalArgumentException, IllegalStateException) say all there is to say in their own message.
     */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(messageOf(e));
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return text.toString();
        }
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String more = messageOf(cause);
            if (text.indexOf(more) < 0 && (cause.getMessage() == null || text.indexOf(cause.getMessage()) < 0)) {
                text.append(": ").append(more);
            }
        }
        return text.toString();
    }

    private static String messageOf(Throwable e) {
        String message = e.getMessage();
        if (e instanceof NoSuchFileException f) {
            return "no such file or directory: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        boolean explainsItself = e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof UncheckedIOException || e instanceof SimulationAbortedException
                || e instanceof CommandLine.ParameterException || e instanceof FileSystemException
                || e.getClass() == IOException.class;
        if (explainsItself && message != null) {
            return message;
        }
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }
}
