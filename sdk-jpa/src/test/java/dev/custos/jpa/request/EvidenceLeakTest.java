// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.core.Message;
import dev.custos.core.consent.ConsentEvidence;
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
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.PlantedValues;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.Inquiry;
import dev.custos.jpa.testmodel.Questionnaire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The rule that Custos' evidence does not itself leak: a subject with distinctive values goes through every path
 * (reads, refusals, writes, rectification, restriction, objection, a legal hold, self-service consent, withdrawal,
 * a sweep whose batch fails on a constraint a DBA added behind the mapping's back, and full erasure), and then no
 * column of any custos_* table, no log record (Custos', the provider's or the driver's), no message of an
 * exception Custos threw, no message of a sweep report and no export (access, portability) of another subject
 * holds any of those values in clear; the chains still
 * verify, and the erased person's history is still found under the pseudonym an auditor was given before.
 */
class EvidenceLeakTest {

    private static final String SUBJECT = "zq7731-vexmoor";
    private static final String NAME = "Quillonia Vexmoor";
    private static final String NAME_CORRECTED = "Quillonia Vexmoor-Hart";
    private static final String EMAIL = "quillonia.vexmoor@leak.example";
    private static final String EMAIL_CHANGED = "q.vexmoor-hart@leak.example";
    private static final String ANSWERS = "Xanthrope sleeplessness 4417";
    /** Another subject, whose exports must hold nothing of the erased one. */
    private static final String OTHER = "other-5502";
    private static final PlantedValues PLANTED = new PlantedValues(List.of(SUBJECT, NAME, NAME_CORRECTED, EMAIL,
            EMAIL_CHANGED, ANSWERS));

    /** The pack, and EclipseLink logging through java.util.logging, so its log is searched too (as Hibernate's). */
    private static final Map<String, String> UNIT = Map.of("custos.pack", "dk", "eclipselink.logging.logger",
            "JavaLogger");

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

    @ProviderMatrix
    void afterFullErasureNoTableLogOrMessageHoldsTheSubjectsValues(JpaUnit unit) throws Exception {
        List<String> messages = new ArrayList<>();
        TalkativePolicy policy = new TalkativePolicy();
        RequestFixture.MovableClock clock = new RequestFixture.MovableClock(RequestFixture.NOW);
        try (PlantedValues.LogCapture log = new PlantedValues.LogCapture();
             TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, UNIT);
            try {
                CustosRuntime runtime = CustosJpa.setup(unit.unitName(), emf, db.dataSource()).clock(clock)
                        .accessPolicies(List.of(policy)).start();
                RequestExecutor executor = new RequestExecutor(runtime);
                Consumer<Throwable> thrown = t -> {
                    assertThat(PlantedValues.custosMessages(t)).as("Custos messages in %s", t).isNotEmpty();
                    messages.addAll(PlantedValues.custosMessages(t));
                };

                // writes, by staff
                as("treatment", "reception", () -> JpaUnit.inTransaction(emf, em -> {
                    em.persist(new Client(SUBJECT, NAME, EMAIL, LocalDate.of(2025, 5, 1)));
                    em.persist(new Questionnaire(7731L, SUBJECT, ANSWERS));
                    em.persist(new Client(OTHER, "Other Person", "other@example.org", LocalDate.of(2026, 2, 1)));
                }));
                // self-service consent: the subject records it
                ConsentRegistry registry = new ConsentRegistry(runtime);
                registry.give(SUBJECT, "newsletter", "notice-1", ConsentEvidence.NONE.withAgeAtLeast(18), SUBJECT);
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
                // a permitted change, under the purpose the subject consented to (under another the e-mail is
                // masked, and changing a masked attribute is refused)
                as("newsletter", "reception", () -> JpaUnit.inTransaction(emf,
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
                // filed in self-service: the subject's login is the identity check
                String withdrawal = executor.verifyIdentity(executor.receive(RequestType.CONSENT_WITHDRAWAL, SUBJECT,
                        clock.instant()).id(), SUBJECT).id();
                executor.withdrawConsent(withdrawal, Set.of());
                String pseudonym;
                try (Connection c = db.connect()) {
                    pseudonym = new SubjectKeys(clock).existingPseudonym(c, SUBJECT).orElseThrow();
                }
                ErasureReport erasure = executor.erase(verified(executor, clock, RequestType.ERASURE));
                assertThat(erasure.request().state()).isEqualTo(RequestState.COMPLETED);
                assertThat(erasure.notes()).extracting(Message::code).contains("CUSTOS-04719");

                List<String> leaks = new ArrayList<>();
                try (Connection c = db.connect()) {
                    assertThat(PlantedValues.custosTables(c)).as("custos_* tables searched").hasSizeGreaterThan(10);
                    leaks.addAll(PLANTED.inTables(c));
                }
                // exports of another subject, whose access log shares the chains with the erased person's records
                for (RequestType type : List.of(RequestType.ACCESS, RequestType.PORTABILITY)) {
                    String request = executor.verifyIdentity(executor.receive(type, OTHER, clock.instant()).id(),
                            "front-desk").id();
                    String export = type == RequestType.ACCESS ? executor.exportAccess(request)
                            : executor.exportPortable(request);
                    assertThat(export).as("the other subject's export").contains(OTHER);
                    if (PLANTED.foundIn(export)) {
                        leaks.add(type + " export of another subject: " + export);
                    }
                }
                leaks.addAll(PLANTED.inLog(log.records()));
                leaks.addAll(PLANTED.inMessages(messages));
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
                assertThat(count(db, "SELECT COUNT(*) FROM custos_request_transition WHERE actor = ?", pseudonym))
                        .isEqualTo(1);
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

    @ProviderMatrix
    void aSweepBatchFailingOnAConstraintADbaAddedNamesEntityBatchRuleAndConstraintOnly(JpaUnit unit)
            throws Exception {
        RequestFixture.MovableClock clock = new RequestFixture.MovableClock(Instant.parse("2026-06-01T10:00:00Z"));
        try (PlantedValues.LogCapture log = new PlantedValues.LogCapture();
             TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, UNIT);
            try {
                CustosRuntime runtime = CustosJpa.start(unit.unitName(), emf, db.dataSource(), clock);
                as("treatment", "reception", () -> JpaUnit.inTransaction(emf,
                        em -> em.persist(new Client(SUBJECT, NAME, EMAIL, LocalDate.of(2025, 5, 1)))));
                execute(db, "ALTER TABLE Client ADD CONSTRAINT leak_name_ck CHECK (name IS NOT NULL)");

                SweepReport report = sweep(runtime);

                assertThat(report.failures()).hasSize(1);
                String failure = report.failures().get(0).toString();
                assertThat(failure).startsWith("CUSTOS-04607: Batch 1 of Client under rule ")
                        .containsPattern("SQLState (2351[34]|23000)").containsIgnoringCase("constraint leak_name_ck");
                assertThat(PLANTED.foundIn(failure)).isFalse();
                assertThat(PLANTED.inLog(log.records())).isEmpty();
                assertThat(count(db, "SELECT COUNT(*) FROM Client WHERE name = ?", NAME)).isEqualTo(1);
            } finally {
                emf.close();
            }
        }
    }

    @ProviderMatrix
    void anErasureRequestFailingOnAConstraintADbaAddedLeavesNoValueInAnyLogOrMessage(JpaUnit unit) throws Exception {
        RequestFixture.MovableClock clock = new RequestFixture.MovableClock(RequestFixture.NOW);
        try (PlantedValues.LogCapture log = new PlantedValues.LogCapture();
             TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, UNIT);
            try {
                CustosRuntime runtime = CustosJpa.setup(unit.unitName(), emf, db.dataSource()).clock(clock).start();
                RequestExecutor executor = new RequestExecutor(runtime);
                as("treatment", "reception", () -> JpaUnit.inTransaction(emf,
                        em -> em.persist(new Client(SUBJECT, NAME, EMAIL, LocalDate.of(2020, 5, 1)))));
                // the e-mail rests on consent alone: the request erases it, and the CHECK refuses that
                execute(db, "ALTER TABLE Client ADD CONSTRAINT leak_email_ck CHECK (email IS NOT NULL)");

                Throwable failed = catchThrowable(() -> executor.erase(verified(executor, clock,
                        RequestType.ERASURE)));

                assertThat(failed).isNotNull();
                List<String> messages = PlantedValues.custosMessages(failed);
                assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("CUSTOS-04560: Erasing 1 row(s) of"
                        + " Client by ").containsIgnoringCase("constraint leak_email_ck"));
                assertThat(PLANTED.inMessages(messages)).isEmpty();
                assertThat(PLANTED.inLog(log.records())).isEmpty();
                assertThat(count(db, "SELECT COUNT(*) FROM Client WHERE email = ?", EMAIL)).isEqualTo(1);
            } finally {
                emf.close();
            }
        }
    }

    @ProviderMatrix
    void aSweepThatDeletesASubjectsLastRowsNamesItByPseudonymInRestrictionsHoldsAndRequestsAndEndsItsKey(JpaUnit unit)
            throws Exception {
        String gone = "zq7731-inquirer";
        String stays = "zq7731-client";
        RequestFixture.MovableClock clock = new RequestFixture.MovableClock(RequestFixture.NOW);
        try (PlantedValues.LogCapture log = new PlantedValues.LogCapture();
             TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, UNIT);
            try {
                CustosRuntime runtime = CustosJpa.setup(unit.unitName(), emf, db.dataSource()).clock(clock).start();
                RequestExecutor executor = new RequestExecutor(runtime);
                as("inquiry", "reception", () -> JpaUnit.inTransaction(emf, em -> {
                    em.persist(new Inquiry(1L, gone, java.time.LocalDateTime.of(2025, 1, 10, 9, 0), "first"));
                    em.persist(new Inquiry(2L, gone, java.time.LocalDateTime.of(2025, 2, 10, 9, 0), "second"));
                    em.persist(new Inquiry(3L, stays, java.time.LocalDateTime.of(2025, 1, 10, 9, 0), "third"));
                }));
                as("treatment", "reception", () -> JpaUnit.inTransaction(emf,
                        em -> em.persist(new Client(stays, NAME, EMAIL, LocalDate.of(2026, 5, 1)))));
                for (String subject : List.of(gone, stays)) {
                    String restriction = executor.verifyIdentity(executor.receive(RequestType.RESTRICTION, subject,
                            clock.instant()).id(), "front-desk").id();
                    executor.restrict(restriction);
                    executor.liftRestrictions(subject);
                    String hold = gone.equals(subject) ? "hold-1" : "hold-2";
                    try (Connection c = db.transaction()) {
                        LegalHoldStore holds = new LegalHoldStore();
                        holds.place(c, subject, Optional.empty(), Optional.empty(), new LegalHold(hold,
                                "complaint-pending", clock.instant(), Optional.empty(), "legal", ""));
                        holds.release(c, hold, clock.instant(), "legal");
                        c.commit();
                    }
                }
                clock.moveTo(Instant.parse("2026-06-01T10:00:00Z"));
                // the pseudonym an auditor was given before the erasure
                String pseudonym;
                try (Connection c = db.connect()) {
                    pseudonym = new SubjectKeys(clock).existingPseudonym(c, gone).orElseThrow();
                }

                SweepReport swept = sweep(runtime);

                assertThat(swept.outcome()).isEqualTo(SweepReport.Outcome.COMPLETED);
                assertThat(count(db, "SELECT COUNT(*) FROM Inquiry")).isZero();
                try (Connection c = db.connect()) {
                    // nothing names the subject any more, its pseudonym key neither: the dk pack keeps no audit
                    // identity, so the key is destroyed as a request's full erasure destroys it
                    assertThat(new PlantedValues(List.of(gone)).inTables(c)).as("the gone subject's id").isEmpty();
                    assertThat(new SubjectKeys(clock).existingPseudonym(c, gone)).isEmpty();
                    assertThat(new SubjectKeys(clock).existingPseudonym(c, stays)).isPresent();
                }
                assertThat(count(db, "SELECT COUNT(*) FROM custos_request WHERE subject_ref = ? AND subject_id IS NULL",
                        pseudonym)).isEqualTo(1);
                assertThat(count(db, "SELECT COUNT(*) FROM custos_restriction WHERE subject_id = ?", pseudonym))
                        .isEqualTo(1);
                assertThat(count(db, "SELECT COUNT(*) FROM custos_legal_hold WHERE subject_id = ?", pseudonym))
                        .isEqualTo(1);
                // the other subject still has a Client row: its ids stay, for the holds and requests to come
                assertThat(count(db, "SELECT COUNT(*) FROM custos_restriction WHERE subject_id = ?", stays))
                        .isEqualTo(1);
                assertThat(count(db, "SELECT COUNT(*) FROM custos_legal_hold WHERE subject_id = ?", stays))
                        .isEqualTo(1);
                assertThat(count(db, "SELECT COUNT(*) FROM custos_request WHERE subject_id = ?", stays)).isEqualTo(1);
                assertThat(new PlantedValues(List.of(gone)).inLog(log.records())).isEmpty();
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
