// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.cdi.event.ConsentGiven;
import dev.custos.cdi.event.ConsentWithdrawn;
import dev.custos.cdi.testing.CdiClinic;
import dev.custos.cdi.testing.TestCallers;
import dev.custos.cdi.testmodel.Enquiry;
import dev.custos.cdi.testmodel.Session;
import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.ChainVerification;
import dev.custos.core.consent.ConsentEvidence;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.access.AccessRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CDI module in Java SE with Weld: Custos starts for the application's unit with nothing but annotations,
 * purposes and callers reach the checks and the audit, the services record consent, holds and requests, fire
 * their events and validate their inputs.
 */
class ServicesTest {

    private WeldContainer container;
    private Clinic clinic;

    @ApplicationScoped
    public static class Clinic {
        @Inject
        EntityManagerFactory emf;
        @Inject
        ConsentService consents;
        @Inject
        RetentionService retention;
        @Inject
        RequestService requests;
        @Inject
        AuditService audit;
        @Inject
        TestCallers callers;

        private final List<Object> events = new CopyOnWriteArrayList<>();

        // accessors, since the test holds a client proxy, whose fields are not the bean's
        public ConsentService consents() {
            return consents;
        }

        public RetentionService retention() {
            return retention;
        }

        public RequestService requests() {
            return requests;
        }

        public AuditService audit() {
            return audit;
        }

        public TestCallers callers() {
            return callers;
        }

        public List<Object> events() {
            return events;
        }

        void given(@Observes ConsentGiven event) {
            events.add(event);
        }

        void withdrawn(@Observes ConsentWithdrawn event) {
            events.add(event);
        }

        @ProcessingPurpose("treatment")
        public void store(Session session) {
            CdiClinic.store(emf, session);
        }

        public void storeWithoutPurpose(Object entity) {
            CdiClinic.store(emf, entity);
        }

        @ProcessingPurpose("treatment")
        public String readNotes(long id) {
            EntityManager em = emf.createEntityManager();
            try {
                return em.find(Session.class, id).notes;
            } finally {
                em.close();
            }
        }

        @ProcessingPurpose("gp-disclosure")
        public String discloseEnquiry(long id) {
            EntityManager em = emf.createEntityManager();
            try {
                return em.find(Enquiry.class, id).message;
            } finally {
                em.close();
            }
        }

        public String readWithoutPurpose(long id) {
            EntityManager em = emf.createEntityManager();
            try {
                return em.find(Session.class, id).notes;
            } finally {
                em.close();
            }
        }
    }

    @BeforeEach
    void start() {
        container = CdiClinic.weld(Clinic.class).initialize();
        clinic = container.select(Clinic.class).get();
        clinic.store(new Session(1L, "client-1", "sleeps badly"));
    }

    @AfterEach
    void stop() {
        container.close();
    }

    private static AccessRefusedException refusal(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof AccessRefusedException refused) {
                return refused;
            }
        }
        throw new AssertionError("expected an AccessRefusedException, got " + thrown, thrown);
    }

    @Test
    void custosStartsForTheUnitAndReadsNeedAPurposeAndConsent() {
        assertThat(container.select(CustosUnits.class).get().runtime().unitName()).isEqualTo("clinic");
        assertThat(refusal(catchThrowable(() -> clinic.readWithoutPurpose(1L))).reasons())
                .extracting(Message::code).containsExactly("CUSTOS-04410");
        assertThat(refusal(catchThrowable(() -> clinic.readNotes(1L))).messageId()).isEqualTo("CUSTOS-04409");

        clinic.consents().give("client-1", "treatment", "notice-2026-01");
        assertThat(clinic.readNotes(1L)).isEqualTo("sleeps badly");
        assertThat(clinic.consents().check("client-1", "treatment").permitted()).isTrue();

        clinic.consents().withdraw("client-1", "treatment");
        assertThat(refusal(catchThrowable(() -> clinic.readNotes(1L))).messageId()).isEqualTo("CUSTOS-04409");
        assertThat(clinic.events()).hasSize(2);
        assertThat(clinic.events().get(0)).isEqualTo(new ConsentGiven("clinic", "client-1", "treatment",
                ((ConsentGiven) clinic.events().get(0)).at()));
        assertThat(clinic.events().get(1)).isInstanceOf(ConsentWithdrawn.class);
    }

    /** Issue 18: special-category data is written only under a purpose; ordinary data needs none. */
    @Test
    void healthDataIsWrittenOnlyUnderAPurpose() {
        AccessRefusedException write = refusal(catchThrowable(
                () -> clinic.storeWithoutPurpose(new Session(2L, "client-2", "feels better"))));
        assertThat(write.messageId()).isEqualTo("CUSTOS-04570");
        assertThat(write.getMessage()).contains("Session#").contains("[notes]").doesNotContain("feels");
        assertThat(write.reasons()).extracting(Message::code).containsExactly("CUSTOS-04504");
        clinic.storeWithoutPurpose(new Enquiry(3L, "client-2", LocalDateTime.now(), "please call"));
        clinic.store(new Session(2L, "client-2", "feels better"));
        clinic.consents().give("client-2", "treatment", "notice-2026-01");
        assertThat(clinic.readNotes(2L)).isEqualTo("feels better");
    }

    @Test
    void theAuditNamesTheCallerAndOnlyAuditorsReadItAndAuditorsChangeNothing() {
        clinic.consents().give("client-1", "treatment", "notice-2026-01");
        clinic.readNotes(1L);

        AccessRefusedException notAuditor = refusal(catchThrowable(
                () -> clinic.audit().forSubject("client-1", Instant.EPOCH, Instant.now().plusSeconds(60))));
        assertThat(notAuditor.messageId()).isEqualTo("CUSTOS-04261");

        assertThat(refusal(catchThrowable(() -> clinic.audit().pseudonymOf("client-1"))).messageId())
                .isEqualTo("CUSTOS-04261");

        clinic.callers().set("inspector", "custos-auditor");
        List<AuditRecord> records = clinic.audit().forSubject("client-1", Instant.EPOCH, Instant.now().plusSeconds(60));
        // the pseudonym the auditor's own SQL looks for: the one every record about the subject carries
        String pseudonym = clinic.audit().pseudonymOf("client-1").orElseThrow();
        assertThat(pseudonym).matches("ps1:[0-9a-f]{32}");
        assertThat(records).allSatisfy(r -> assertThat(r.event().subjectRef()).isEqualTo(pseudonym));
        assertThat(clinic.audit().pseudonymOf("never-seen")).isEmpty();
        assertThat(records).extracting(r -> r.event().action() + " " + r.event().actor() + " " + r.event().purpose())
                .contains("CREATE front-desk treatment", "CONSENT_GIVEN front-desk treatment", "READ front-desk treatment");
        Map<String, ChainVerification> chains = clinic.audit().verify();
        assertThat(chains.values()).allMatch(v -> v.intact());
        // the consent given above is in the ledger's chain
        assertThat(chains.get(AuditService.LEDGER).recordsChecked()).isEqualTo(1);

        AccessRefusedException service = refusal(catchThrowable(
                () -> clinic.consents().withdraw("client-1", "treatment")));
        assertThat(service.messageId()).isEqualTo("CUSTOS-04260");
        // the auditor reads the audit, not the data (issue 18): refused on read and on write, and audited
        AccessRefusedException read = refusal(catchThrowable(() -> clinic.readNotes(1L)));
        assertThat(read.messageId()).isEqualTo("CUSTOS-04501");
        assertThat(read.getMessage()).contains("Session#1").contains("custos-auditor").doesNotContain("sleeps");
        assertThat(read.reasons()).extracting(Message::code).containsExactly("CUSTOS-04500");
        AccessRefusedException write = refusal(catchThrowable(() -> clinic.store(new Session(2L, "client-1", "x"))));
        assertThat(write.messageId()).isEqualTo("CUSTOS-04502");
        assertThat(write.reasons()).extracting(Message::code).containsExactly("CUSTOS-04500");
        assertThat(clinic.audit().forSubject("client-1", Instant.EPOCH, Instant.now().plusSeconds(60)))
                .extracting(r -> r.event().action() + " " + r.event().actor() + " " + r.event().detail())
                .contains("READ_DENIED inspector CUSTOS-04500", "WRITE_DENIED inspector CUSTOS-04500");
    }

    @Test
    void theRolesThatSeeNoContentAreASettingOfTheApplication() {
        container.close();
        System.setProperty(dev.custos.jpa.CustosSetting.NO_CONTENT_ROLES.key(), "inspection");
        try {
            start();
            clinic.consents().give("client-1", "treatment", "notice-2026-01");
            clinic.callers().set("inspector", "custos-auditor");
            assertThat(clinic.readNotes(1L)).isEqualTo("sleeps badly");
            clinic.callers().set("visitor", "inspection");
            assertThat(refusal(catchThrowable(() -> clinic.readNotes(1L))).getMessage()).contains("role inspection");
        } finally {
            System.clearProperty(dev.custos.jpa.CustosSetting.NO_CONTENT_ROLES.key());
        }
    }

    /** Issue 18, item 3: a purpose the pack says needs written consent, whatever the data's basis. */
    @Test
    void aConsentIsRecordedWithItsEvidenceAndThePurposeThatNeedsItIsCheckedOnRead() {
        CdiClinic.store(container.select(EntityManagerFactory.class).get(),
                new Enquiry(9L, "client-9", LocalDateTime.now().minusDays(1), "please call my GP"));
        assertThat(refusal(catchThrowable(() -> clinic.discloseEnquiry(9L))).reasons()).extracting(Message::code)
                .containsExactly("CUSTOS-02002");
        CustosException unwritten = (CustosException) catchThrowable(
                () -> clinic.consents().give("client-9", "gp-disclosure", "notice-1"));
        assertThat(unwritten.messageId()).isEqualTo("CUSTOS-02032");
        ConstraintViolationException noEvidence = (ConstraintViolationException) catchThrowable(
                () -> clinic.consents().give("client-9", "gp-disclosure", "notice-1", null));
        assertThat(noEvidence.getConstraintViolations()).extracting(v -> v.getPropertyPath().toString())
                .containsExactly("give.evidence");
        assertThat(clinic.events()).isEmpty();

        ConsentEvidence signed = ConsentEvidence.written("scan 2026-114", LocalDate.of(2026, 11, 2));
        clinic.consents().give("client-9", "gp-disclosure", "notice-1", signed);
        assertThat(clinic.discloseEnquiry(9L)).isEqualTo("please call my GP");
        assertThat(clinic.consents().check("client-9", "gp-disclosure").decisive().orElseThrow().evidence())
                .isEqualTo(signed);
        assertThat(clinic.events()).hasSize(1);

        clinic.consents().withdraw("client-9", "gp-disclosure");
        assertThat(refusal(catchThrowable(() -> clinic.discloseEnquiry(9L))).reasons()).extracting(Message::code)
                .containsExactly("CUSTOS-02003");
    }

    @Test
    void badInputsFailWithAViolationNamingTheParameterOrANumberedMessage() {
        ConstraintViolationException blank = (ConstraintViolationException) catchThrowable(
                () -> clinic.consents().give(" ", "treatment", "notice-1"));
        assertThat(blank.getConstraintViolations()).extracting(v -> v.getPropertyPath().toString())
                .containsExactly("give.subjectId");

        CustosException unknownPurpose = (CustosException) catchThrowable(
                () -> clinic.consents().give("client-1", "marketing", "notice-1"));
        assertThat(unknownPurpose.messageId()).isEqualTo("CUSTOS-04426");
        assertThat(unknownPurpose.getMessage()).contains("treatment");

        CustosException unknownReason = (CustosException) catchThrowable(() -> clinic.retention().placeHold("client-1",
                Optional.empty(), Optional.empty(), "no-such-reason", ""));
        assertThat(unknownReason.messageId()).isEqualTo("CUSTOS-04550");

        ConstraintViolationException noLimit = (ConstraintViolationException) catchThrowable(
                () -> clinic.retention().preview(0));
        assertThat(noLimit.getConstraintViolations()).extracting(ConstraintViolation::getMessage).isNotEmpty();
    }

    @Test
    void requestsRunThroughTheServiceWithTheCallerAsActor() {
        DataSubjectRequest received = clinic.requests().receive(RequestType.ACCESS, "client-1");
        DataSubjectRequest verified = clinic.requests().verifyIdentity(received.id());
        assertThat(verified.history()).last().extracting(t -> t.actor()).isEqualTo("front-desk");
        String export = clinic.requests().exportAccess(received.id());
        assertThat(export).contains("client-1").contains("sleeps badly");
        assertThat(clinic.requests().openRequests()).isEmpty();
    }
}
