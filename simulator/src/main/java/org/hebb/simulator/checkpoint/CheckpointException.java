package org.hebb.simulator.checkpoint;

/** A checkpoint that cannot be saved or restored, with what is wrong; the network is left as it was. */
public final class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
