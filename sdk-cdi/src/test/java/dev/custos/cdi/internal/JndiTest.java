// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A failed JNDI lookup is logged with its number and the name looked up, not swallowed. */
class JndiTest {

    @Test
    void aLookupWithoutJndiIsLoggedAndAnswersEmpty() {
        Logger logger = Logger.getLogger(Jndi.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
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
        Level level = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
        try {
            assertThat(Jndi.lookup("java:comp/env/custos-test", Runnable.class)).isEmpty();
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(level);
        }
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getMessage()).startsWith("CUSTOS-05070").contains("java:comp/env/custos-test")
                    .contains("javax.naming.");
        });
    }
}
