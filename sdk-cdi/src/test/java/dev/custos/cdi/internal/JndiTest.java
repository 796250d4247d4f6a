// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cdi.testing.LogCapture;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** A failed JNDI lookup is logged with its number and the name looked up, not swallowed. */
class JndiTest {

    @Test
    void aLookupWithoutJndiIsLoggedAndAnswersEmpty() {
        List<LogRecord> records;
        try (LogCapture log = new LogCapture(Jndi.class.getName())) {
            assertThat(Jndi.lookup("java:comp/env/custos-test", Runnable.class)).isEmpty();
            records = log.records();
        }
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getMessage()).startsWith("CUSTOS-05070").contains("java:comp/env/custos-test")
                    .containsPattern("\\(\\w*(Naming|Context)Exception");
        });
    }
}
