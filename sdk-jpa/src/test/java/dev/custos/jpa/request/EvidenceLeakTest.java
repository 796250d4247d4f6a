// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestType;
import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.AccessCheck;
import dev.custos.jpa.access.AccessKind;
import dev.custos.jpa.access.AccessPolicy;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.AccessVerdict;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.jpa.store.AuditTrail;
import dev.custos.jpa.store.ConsentLedger;
import dev.custos.jpa.store.LegalHoldStore;
import dev.custos.jpa.store.SubjectKeys;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.Questionnaire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule that Custos' evidence does not itself leak: a subject with distinctive values goes through every path
 * (reads, refusals, writes, rectification, restriction, objection, a legal hold, self-service consent, withdrawal,
 * a sweep whose batch fails on a constraint a DBA added behind the mapping's back, and full erasure), and then no
 * column of any custos_* table, no log record Custos made, no message of an exception Custos threw and no message
 * of a sweep report holds any of those values in clear; the chains still verify, and the erased person's history
 * is still found under the pseudonym an auditor was given before.
 */
class EvidenceLeakTest {

    private static final String SUBJECT = "zq7731-vexmoor";
    private static final String NAME = "Quillonia Vexmoor";
    private static final String NAME_CORRECTED = "Quillonia Vexmoor-Hart";
    private static final String EMAIL = "quillonia.vexmoor@leak.example";
    private static final String EMAIL_CHANGED = "q.vexmoor-hart@leak.example";
    private static final String ANSWERS = "Xanthrope sleeplessness 4417";
    private static final List<String> PLANTED = List.of(SUBJECT, NAME, NAME_CORRECTED, EMAIL, EMAIL_CHANGED, ANSWERS);

    /** Loggers whose records are the provider's or the driver's own, configured by the application. */
    private static final List<String> NOT_CUSTOS = List.of("org.hibernate", "org.eclipse.persistence",
            "org.postgresql", "org.apache.derby", "org.jboss", "com.zaxxer");

    /** An access policy that fails with the subject's values in its message, when armed for a kind of access. */
    static final class TalkativePolicy implements AccessPolicy {
        volatile AccessKind armed;

        @Override
        public AccessVerdict check(AccessCheck check) {
            if (check.kind() == armed) {
                throw new IllegalStateException("policy choked on " + NAME + " <" + EMAIL + "> " + SUBJECT);
            }
            return AccessVerdict.permit();
        }
    }

    /** Every log record, at every level, of every logger (System.Logger goes to java.util.logging too). */
    static final class Capture extends Handler implements AutoCloseable {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Logger root = Logger.getLogger("");
        private final Logger custos = Logger.getLogger("dev.custos");
        private final Level custosLevel = custos.getLevel();

        Capture() {
            setLevel(Level.ALL);
            custos.setLevel(Level.ALL);
            root.addHandler(this);
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
            root.removeHandler(this);
            custos.setLevel(custosLevel);
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("dev.custos.jpa.testing.JpaUnit#matrix")
    void afterFullErasureNoTableLogOrMessageHoldsTheSubjectsValues(JpaUnit unit) throws Exception {
        List<String> messages = new ArrayList<>();
        TalkativePolicy policy = new TalkativePolicy();
        RequestFixture.MovableClock clock = new RequestFixture.MovableClock(RequestFixture.NOW);
        try (Capture log = new Capture(); TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk"));
            try {
                CustosRuntime runtime = CustosJpa.setup(unit.unitName(), emf, db.dataSource()).clock(clock)
                        .accessPolicies(List.of(policy)).start();
                RequestExecutor executor = new RequestExecutor(runtime);
                Consumer<Throwable> thrown = t -> messages.addAll(custosMessages(t));

                // writes, by staff
                as("treatment", "reception", () -> JpaUnit.inTransaction(emf, em -> {
                    em.persist(new Client(SUBJECT, NAME, EMAIL, LocalDate.of(2025, 5, 1)));
                    em.persist(new Questionnaire(7731L, SUBJECT, ANSWERS));
                }));
                // self-service consent: the subject records it
                ConsentRegistry registry = new ConsentRegistry(runtime);
                registry.give(SUBJECT, "newsletter", "notice-1", SUBJECT);
                registry.give(SUBJECT, "research", "notice-1", SUBJECT);
                // reads, by staff and by the subject
                as("treatment", "reception", () -> read(emf, em -> em.find(Client.class, SUBJECT)));
                as("research", SUBJECT, () -> read(emf, em -> em.find(Questionnaire.class, 7731L)));
                // refusals: a policy failing on read and on write
                policy.armed = AccessKind.READ;
                AccessRefusedException readRefusal = refusal(catchThrowable(() -> as("treatment", "reception",
                        () -> read(emf, em -> em.find(Client.class, SUBJECT)))));
                thrown.accept(readRefusal);
                policy.armed = AccessKind.UPDATE;
                thrown.accept(refusal(catchThrowable(() -> as("treatment", "reception",
                        () -> JpaUnit.inTransaction(emf, em -> em.find(Client.class, SUBJECT).email = "x@y.example")))));
                policy.armed = null;
                // a permitted change
                as("treatment", "reception", () -> JpaUnit.inTransaction(emf,
                        em -> em.find(Client.class, SUBJECT).email = EMAIL_CHANGED));
                // rectification, one refused for an id of the wrong form, one done
                String rectification = verified(executor, clock, RequestType.RECTIFICATION);
                thrown.accept(catchThrowable(() -> executor.rectify(rectification,
                        List.of(new Correction("Questionnaire", SUBJECT, "answers", "x")))));
                executor.rectify(rectification, List.of(new Correction("Client", SUBJECT, "name", NAME_CORRECTED)));
                // restriction: reads refused until lifted
                executor.restrict(verified(executor, clock, RequestType.RESTRICTION));
                AccessRefusedException restricted = refusal(catchThrowable(() -> as("treatment", "reception",
                        () -> read(emf, em -> em.find(Client.class, SUBJECT)))));
                thrown.accept(restricted);
                assertThat(restricted.reasons()).extracting(Message::code).contains("CUSTOS-04416");
                executor.liftRestrictions(SUBJECT);
                // objection
                executor.object(verified(executor, clock, RequestType.OBJECTION));
                // a legal hold on the subject's row, placed and released
                try (Connection c = db.transaction()) {
                    LegalHoldStore holds = new LegalHoldStore();
                    holds.place(c, SUBJECT, Optional.of("Client"), Optional.of(SUBJECT), new LegalHold("hold-7731",
                            "complaint-pending", clock.instant(), Optional.empty(), "legal", ""));
                    holds.release(c, "hold-7731", clock.instant(), "legal");
                    c.commit();
                }
                // a sweep whose batch fails on a CHECK a DBA added, then one that succeeds
                clock.moveTo(Instant.parse("2026-06-01T10:00:00Z"));
                execute(db, "ALTER TABLE Client ADD CONSTRAINT leak_name_ck CHECK (name IS NOT NULL)");
                SweepReport failed = sweep(runtime);
                assertThat(failed.outcome()).isEqualTo(SweepReport.Outcome.COMPLETED_WITH_FAILURES);
                assertThat(failed.failures()).extracting(Message::code).contains("CUSTOS-04607");
                messages.add(failed.detail().toString());
                failed.failures().forEach(m -> messages.add(m.toString()));
                execute(db, "ALTER TABLE Client DROP CONSTRAINT leak_name_ck");
                SweepReport swept = sweep(runtime);
                assertThat(swept.outcome()).isEqualTo(SweepReport.Outcome.COMPLETED);
                messages.add(swept.detail().toString());
                // withdrawal of every consent, then erasure of the rest: the subject is fully erased
                String withdrawal = verified(executor, clock, RequestType.CONSENT_WITHDRAWAL);
                executor.withdrawConsent(withdrawal, Set.of());
                String pseudonym;
                try (Connection c = db.connect()) {
                    pseudonym = new SubjectKeys(clock).existingPseudonym(c, SUBJECT).orElseThrow();
                }
                ErasureReport erasure = executor.erase(verified(executor, clock, RequestType.ERASURE));
                assertThat(erasure.request().state()).isEqualTo(RequestState.COMPLETED);
                assertThat(erasure.notes()).extracting(Message::code).contains("CUSTOS-04719");

                List<String> leaks = new ArrayList<>();
                leaks.addAll(tableLeaks(db));
                leaks.addAll(logLeaks(log.records));
                messages.stream().filter(EvidenceLeakTest::holdsPlanted).map(m -> "message: " + m)
                        .forEach(leaks::add);
                assertThat(leaks).as("planted values found").isEmpty();
                assertThat(messages).as("messages searched").hasSizeGreaterThanOrEqualTo(7);
                // a refusal names the row as the audit trail does: by the pseudonym, the id being the subject's
                assertThat(readRefusal.getMessage()).contains("Client#ps1:");

                try (Connection c = db.connect()) {
                    assertThat(new AuditTrail(1, clock).verify(c).intact()).isTrue();
                    assertThat(new AuditTrail(2, clock).verify(c).intact()).isTrue();
                    assertThat(new ConsentLedger(new SubjectKeys(clock), clock).verify(c).intact()).isTrue();
                }
                // the auditor follows the person by the pseudonym given before the erasure
                assertThat(count(db, "SELECT COUNT(*) FROM custos_audit_record WHERE subject_ref = ?", pseudonym))
                        .isGreaterThan(10);
                assertThat(count(db, "SELECT COUNT(*) FROM custos_audit_record WHERE entity_name = 'Client'"
                        + " AND action = 'UPDATE' AND entity_id = ?", pseudonym)).isEqualTo(2);
                assertThat(count(db, "SELECT COUNT(*) FROM custos_audit_record WHERE actor = ?", pseudonym))
                        .as("self-service consent and the subject's own read").isGreaterThanOrEqualTo(3);
                assertThat(count(db, "SELECT COUNT(*) FROM custos_consent_event WHERE recorded_by = ?", pseudonym))
                        .isEqualTo(2);
                assertThat(count(db, "SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'Client'"
                        + " AND entity_id = ?", pseudonym)).isGreaterThanOrEqualTo(2);
                assertThat(count(db, "SELECT COUNT(*) FROM custos_restriction WHERE subject_id = ?", pseudonym))
                        .isEqualTo(1);
                assertThat(count(db, "SELECT COUNT(*) FROM custos_legal_hold WHERE subject_id = ? AND entity_id = ?",
                        pseudonym, pseudonym)).isEqualTo(1);
            } finally {
                emf.close();
            }
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("dev.custos.jpa.testing.JpaUnit#matrix")
    void aSweepBatchFailingOnAConstraintADbaAddedNamesEntityBatchRuleAndConstraintOnly(JpaUnit unit)
            throws Exception {
        RequestFixture.MovableClock clock = new RequestFixture.MovableClock(Instant.parse("2026-06-01T10:00:00Z"));
        try (Capture log = new Capture(); TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk"));
            try {
                CustosRuntime runtime = CustosJpa.start(unit.unitName(), emf, db.dataSource(), clock);
                as("treatment", "reception", () -> JpaUnit.inTransaction(emf,
                        em -> em.persist(new Client(SUBJECT, NAME, EMAIL, LocalDate.of(2025, 5, 1)))));
                execute(db, "ALTER TABLE Client ADD CONSTRAINT leak_name_ck CHECK (name IS NOT NULL)");

                SweepReport report = sweep(runtime);

                assertThat(report.failures()).hasSize(1);
                String failure = report.failures().get(0).toString();
                assertThat(failure).startsWith("CUSTOS-04607: Batch 1 of Client under rule ")
                        .containsPattern("SQLState 2351[34]").containsIgnoringCase("constraint leak_name_ck");
                assertThat(PLANTED).noneMatch(v -> failure.toLowerCase(Locale.ROOT)
                        .contains(v.toLowerCase(Locale.ROOT)));
                assertThat(logLeaks(log.records)).isEmpty();
                assertThat(count(db, "SELECT COUNT(*) FROM Client WHERE name = ?", NAME)).isEqualTo(1);
            } finally {
                emf.close();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void as(String purpose, String caller, Runnable work) {
        try (ProcessingContext.Scope scope = ProcessingContext.open(purpose, caller)) {
            work.run();
        }
    }

    private static void read(EntityManagerFactory emf, Consumer<EntityManager> work) {
        EntityManager em = emf.createEntityManager();
        try {
            work.accept(em);
        } finally {
            em.close();
        }
    }

    private static String verified(RequestExecutor executor, RequestFixture.MovableClock clock, RequestType type) {
        DataSubjectRequest received = executor.receive(type, SUBJECT, clock.instant());
        return executor.verifyIdentity(received.id(), "front-desk").id();
    }

    private static SweepReport sweep(CustosRuntime runtime) {
        try (ProcessingContext.Scope scope = ProcessingContext.open("retention", "custos-retention-sweep")) {
            return new RetentionSweeper(runtime).sweep();
        }
    }

    private static AccessRefusedException refusal(Throwable thrown) {
        return dev.custos.jpa.testing.Refusals.refusal(thrown);
    }

    /** The messages Custos itself wrote into {@code thrown}'s chain: its own exceptions and their reasons. */
    private static List<String> custosMessages(Throwable thrown) {
        assertThat(thrown).isNotNull();
        List<String> texts = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof CustosException custos) {
                texts.add(custos.getMessage());
                if (custos instanceof AccessRefusedException refused) {
                    refused.reasons().forEach(r -> texts.add(r.toString()));
                }
            }
        }
        assertThat(texts).as("Custos messages in " + thrown).isNotEmpty();
        return texts;
    }

    private static boolean holdsPlanted(String text) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return PLANTED.stream().anyMatch(v -> lower.contains(v.toLowerCase(Locale.ROOT)));
    }

    /** Every record of Custos' loggers and of loggers that are not the provider's or driver's, with its throwable. */
    private static List<String> logLeaks(List<LogRecord> records) {
        List<String> leaks = new ArrayList<>();
        for (LogRecord record : records) {
            String logger = String.valueOf(record.getLoggerName());
            if (NOT_CUSTOS.stream().anyMatch(logger::startsWith)) {
                continue;
            }
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text.append(' ').append(trace);
            }
            if (holdsPlanted(text.toString())) {
                leaks.add("log " + logger + ": " + text);
            }
        }
        return leaks;
    }

    /** Every text column of every row of every custos_* table, read through the JDBC metadata. */
    private static List<String> tableLeaks(TestDatabase db) throws SQLException {
        List<String> leaks = new ArrayList<>();
        int tables = 0;
        try (Connection c = db.connect()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    String schema = rs.getString("TABLE_SCHEM");
                    if (table.toLowerCase(Locale.ROOT).startsWith("custos_")
                            && (schema == null || schema.equalsIgnoreCase(c.getSchema()))) {
                        names.add(table);
                    }
                }
            }
            for (String table : names) {
                tables++;
                try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData columns = rows.getMetaData();
                    while (rows.next()) {
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            int type = columns.getColumnType(i);
                            if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY
                                    || type == Types.BLOB) {
                                continue;
                            }
                            String value = rows.getString(i);
                            if (value != null && holdsPlanted(value)) {
                                leaks.add(table + "." + columns.getColumnName(i) + " = " + value);
                            }
                        }
                    }
                }
            }
        }
        assertThat(tables).as("custos_* tables searched").isGreaterThanOrEqualTo(10);
        return leaks;
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(TestDatabase db, String sql, String... parameters) throws SQLException {
        try (Connection c = db.connect(); var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
