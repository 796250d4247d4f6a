// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cdi.internal.SweepScheduler;
import dev.custos.cdi.testing.CdiClinic;
import dev.custos.cdi.testing.LogCapture;
import dev.custos.cdi.testmodel.Session;
import jakarta.persistence.EntityManagerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.logging.LogRecord;
import javax.sql.DataSource;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * What the scheduled sweep logs when a batch fails on a constraint a DBA added behind the mapping's back: the
 * entity, the batch, the rule and the constraint, never the row's values, and no stack trace.
 */
class SweepLogTest {

    private static final String SUBJECT = "zq-cdi-4711";
    private static final String NOTES = "Quillonia sleeps on the Vexmoor ferry";

    @Test
    void aFailedBatchIsLoggedByEntityBatchRuleAndConstraintOnly() throws Exception {
        LogCapture log = new LogCapture("dev.custos");
        System.setProperty(dev.custos.jpa.CustosSetting.SWEEP_CONFIRMED.key(), "true"); // sweep, not only report, on this new database
        try (WeldContainer container = CdiClinic.weld().initialize()) {
            EntityManagerFactory emf = container.select(EntityManagerFactory.class).get();
            CdiClinic.store(emf, "treatment", new Session(1L, SUBJECT, NOTES));
            ConsentService consents = container.select(ConsentService.class).get();
            consents.give(SUBJECT, "treatment", "notice-1");
            consents.withdraw(SUBJECT, "treatment");
            try (Connection c = container.select(DataSource.class).get().getConnection();
                 Statement s = c.createStatement()) {
                s.execute("ALTER TABLE session ADD CONSTRAINT session_notes_ck CHECK (notes IS NOT NULL)");
            }

            container.select(SweepScheduler.class).get().runOnce();
        } finally {
            log.close();
            System.clearProperty(dev.custos.jpa.CustosSetting.SWEEP_CONFIRMED.key());
        }

        List<String> custos = log.records().stream().map(SweepLogTest::text).toList();
        assertThat(custos).anySatisfy(line -> assertThat(line).startsWith("CUSTOS-04611"));
        assertThat(custos).anySatisfy(line -> assertThat(line)
                .startsWith("CUSTOS-04607: Batch 1 of Session under rule ")
                .contains("SQLState 23513", "constraint SESSION_NOTES_CK"));
        assertThat(custos).noneMatch(line -> line.contains(SUBJECT) || line.contains(NOTES)
                || line.contains("Exception:"));
    }

    private static String text(LogRecord record) {
        StringWriter text = new StringWriter().append(String.valueOf(record.getMessage()));
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(text));
        }
        return text.toString();
    }
}
