// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records of the named loggers and their children, at every level, while open (System.Logger goes to
 * java.util.logging too); closing restores the loggers' levels.
 */
public final class LoggerCapture extends Handler implements AutoCloseable {

    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LoggerCapture(String... names) {
        setLevel(Level.ALL);
        for (String name : names) {
            Logger logger = Logger.getLogger(name);
            loggers.add(logger);
            levels.add(logger.getLevel());
            logger.setLevel(Level.ALL);
            logger.addHandler(this);
        }
    }

    /** What was logged so far, in order. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Forgets what was logged so far. */
    public void clear() {
        records.clear();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).removeHandler(this);
            loggers.get(i).setLevel(levels.get(i));
        }
    }
}
