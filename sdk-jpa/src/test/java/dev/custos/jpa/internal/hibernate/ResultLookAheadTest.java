// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.testing.LoggerCapture;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: on a Hibernate without what the look-ahead at a result's rows needs, the look-ahead is turned off for
 * good, and that is said once in the log rather than silently.
 */
class ResultLookAheadTest {

    @Test
    void aMissingHibernateMethodTurnsTheLookAheadOffAndIsLoggedOnce() {
        AtomicInteger tries = new AtomicInteger();
        ResultLookAhead lookAhead = new ResultLookAhead(event -> {
            tries.incrementAndGet();
            throw new NoSuchMethodError("'java.util.Map org.hibernate.engine.spi.PersistenceContext"
                    + ".getEntityHoldersByKey()'");
        });
        try (LoggerCapture log = new LoggerCapture(ResultLookAhead.class.getName())) {
            assertThat(lookAhead.rowsOf(null)).isEmpty();
            assertThat(lookAhead.rowsOf(null)).isEmpty();
            assertThat(tries).as("not tried again").hasValue(1);
            assertThat(log.records()).extracting(LogRecord::getMessage).singleElement().satisfies(m ->
                    assertThat(m).startsWith("CUSTOS-04595").contains("NoSuchMethodError", "getEntityHoldersByKey"));
        }
    }

    @Test
    void theRowsFoundAreReturned() {
        assertThat(new ResultLookAhead(event -> List.of()).rowsOf(null)).isEmpty();
    }
}
