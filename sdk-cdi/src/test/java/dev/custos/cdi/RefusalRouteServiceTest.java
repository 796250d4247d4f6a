// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.cdi.testing.CdiClinic;
import dev.custos.cdi.testing.TestCallers;
import dev.custos.cdi.testmodel.JournalNote;
import dev.custos.cdi.testmodel.Session;
import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.request.ErasureReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, items 6 and 7 under CDI: an erasure refused by the journal's duty names its route, the request service
 * starts it as the current caller, and holds placed and released through the retention service are audited.
 */
class RefusalRouteServiceTest {

    private WeldContainer container;
    private Clinic clinic;

    @ApplicationScoped
    public static class Clinic {
        @Inject
        EntityManagerFactory emf;
        @Inject
        RequestService requests;
        @Inject
        RetentionService retention;
        @Inject
        AuditService audit;
        @Inject
        TestCallers callers;

        public RequestService requests() {
            return requests;
        }

        public RetentionService retention() {
            return retention;
        }

        public AuditService audit() {
            return audit;
        }

        public TestCallers callers() {
            return callers;
        }

        @ProcessingPurpose("treatment")
        public void store(Object entity) {
            CdiClinic.store(emf, entity);
        }
    }

    @BeforeEach
    void start() {
        container = CdiClinic.weld(Clinic.class).initialize();
        clinic = container.select(Clinic.class).get();
        clinic.store(new JournalNote(1L, "client-1", LocalDate.now().minusMonths(1), "sleeps badly"));
        clinic.store(new Session(1L, "client-1", "notes"));
    }

    @AfterEach
    void stop() {
        container.close();
    }

    private List<String> audit(String action) {
        clinic.callers().set("inspector", "custos-auditor");
        List<AuditRecord> records = clinic.audit().forSubject("client-1", Instant.EPOCH,
                Instant.now().plusSeconds(60));
        clinic.callers().set("front-desk", "staff");
        return records.stream().filter(r -> r.event().action().name().equals(action))
                .map(r -> r.event().actor() + " " + r.event().entity() + " " + r.event().detail()).toList();
    }

    @Test
    void aRefusedJournalErasureNamesItsRouteAndTheServiceStartsItAsTheCaller() {
        DataSubjectRequest received = clinic.requests().receive(RequestType.ERASURE, "client-1");
        clinic.requests().verifyIdentity(received.id());

        ErasureReport report = clinic.requests().erase(received.id());

        ErasureReport.Line journal = report.lines().stream().filter(l -> l.entity().equals("JournalNote"))
                .findFirst().orElseThrow();
        assertThat(journal.outcome()).isEqualTo(ErasureReport.Outcome.KEPT);
        assertThat(journal.route().orElseThrow().holdReason()).isEqualTo("deletion-request-pending");
        assertThat(report.notes()).anySatisfy(n -> assertThat(n.code()).isEqualTo("CUSTOS-04786"));

        clinic.callers().set("dpo", "staff");
        LegalHold hold = clinic.requests().startRoute(received.id(), "JournalNote", "1", "text",
                "asked the authority");
        assertThat(hold.placedBy()).isEqualTo("dpo");
        assertThat(audit("HOLD_PLACED")).singleElement()
                .satisfies(r -> assertThat(r).startsWith("dpo JournalNote hold " + hold.id()));

        // the session notes rest on consent, erased above; a rule without a route refuses to start one
        CustosException none = catchThrowableOfType(() -> clinic.requests().startRoute(received.id(), "Session",
                "1", "notes", ""), CustosException.class);
        assertThat(none.messageId()).isEqualTo("CUSTOS-04787");

        clinic.callers().set("lawyer", "staff");
        assertThat(clinic.retention().releaseHold(hold.id())).isTrue();
        assertThat(audit("HOLD_RELEASED")).containsExactly("lawyer JournalNote hold " + hold.id()
                + " (deletion-request-pending)");
    }

    @Test
    void holdsPlacedThroughTheRetentionServiceAreAudited() {
        LegalHold hold = clinic.retention().placeHold("client-1", Optional.empty(), Optional.empty(),
                "legal-claims", "claim 7");

        assertThat(audit("HOLD_PLACED")).containsExactly("front-desk  hold " + hold.id() + " (legal-claims)");
    }
}
