package org.hebb.simulator.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what a class logs (through {@code System.Logger}, which defaults to java.util.logging) until closed. */
public final class LogCapture implements AutoCloseable {
    /** Held here: java.util.logging keeps its loggers only weakly, and a collected one would lose the handler. */
    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(Class<?> source) {
        logger = Logger.getLogger(source.getName());
        logger.addHandler(handler);
    }

    /** Starts collecting the records logged under {@code source}'s name. */
    public static LogCapture of(Class<?> source) {
        return new LogCapture(source);
    }

    /** The records collected so far, oldest first. */
    public List<LogRecord> records() {
        return records;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
