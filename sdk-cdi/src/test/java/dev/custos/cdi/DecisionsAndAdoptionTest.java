// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.cdi.event.DataErased;
import dev.custos.cdi.testing.CdiClinic;
import dev.custos.cdi.testing.TestCallers;
import dev.custos.cdi.testmodel.Enquiry;
import dev.custos.cdi.testmodel.Session;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.request.Decisions;
import dev.custos.jpa.request.ErasureReport;
import dev.custos.jpa.retention.AdoptionReport;
import dev.custos.jpa.request.Decision;
import dev.custos.jpa.consent.ImportedConsent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The services of decisions by a person and of adopting an existing database: only callers in the decider role
 * list and decide erasure lines, a decision completes the request and fires DataErased; the adoption report and
 * the import of consents held run through the services.
 */
class DecisionsAndAdoptionTest {

    @ApplicationScoped
    public static class Observer {
        static final List<DataErased> ERASED = new CopyOnWriteArrayList<>();

        void erased(@Observes DataErased event) {
            ERASED.add(event);
        }
    }

    private WeldContainer container;

    @BeforeEach
    void start() {
        Observer.ERASED.clear();
        container = CdiClinic.weld(Observer.class).initialize();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    private long count(String sql) throws Exception {
        try (Connection c = container.select(DataSource.class).get().getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void onlyTheDeciderRoleDecidesAndTheLastDecisionCompletesTheRequest() throws Exception {
        EntityManagerFactory emf = container.select(EntityManagerFactory.class).get();
        CdiClinic.store(emf, new Enquiry(1L, "client-9", LocalDateTime.now().minusDays(3), "please call"));
        RequestService requests = container.select(RequestService.class).get();
        TestCallers callers = container.select(TestCallers.class).get();
        String requestId = requests.receive(RequestType.ERASURE, "client-9").id();
        requests.verifyIdentity(requestId);
        ErasureReport pending = requests.erase(requestId);
        assertThat(pending.request().state()).isEqualTo(RequestState.IN_PROGRESS);

        // front desk staff: no decider role
        assertThat(catchThrowable(requests::undecided)).isInstanceOfSatisfying(AccessRefusedException.class,
                e -> assertThat(e.getMessage()).contains("CUSTOS-04791", "custos-privacy-officer"));
        callers.set("dpo", RequestService.DECIDER);
        List<Decision> open = requests.undecided();
        assertThat(open).extracting(Decision::lineKey).containsExactly("Enquiry#1.message");
        assertThat(requests.decisions(requestId)).hasSize(1);
        callers.set("clerk", "staff");
        assertThat(catchThrowable(() -> requests.decide(open.get(0).id(), Decision.Outcome.ERASE, "")))
                .isInstanceOf(AccessRefusedException.class);
        assertThat(count("SELECT COUNT(*) FROM enquiry")).isEqualTo(1);

        callers.set("dpo", RequestService.DECIDER);
        Decisions.Decided decided = requests.decide(open.get(0).id(), Decision.Outcome.ERASE, "no open matter");

        assertThat(decided.line().decidedBy()).contains("dpo");
        assertThat(decided.request()).get().satisfies(r ->
                assertThat(r.request().state()).isEqualTo(RequestState.COMPLETED));
        assertThat(requests.find(requestId).orElseThrow().state()).isEqualTo(RequestState.COMPLETED);
        assertThat(count("SELECT COUNT(*) FROM enquiry")).isZero();
        assertThat(count("SELECT COUNT(*) FROM custos_audit_record WHERE action = 'ERASURE_DECIDED'"
                + " AND actor = 'dpo'")).isEqualTo(1);
        assertThat(Observer.ERASED).extracting(DataErased::origin, DataErased::reference)
                .contains(org.assertj.core.groups.Tuple.tuple("request", requestId));
        assertThat(requests.undecided()).isEmpty();
    }

    @Test
    void theAdoptionReportAndTheImportOfConsentsHeldRunThroughTheServices() throws Exception {
        EntityManagerFactory emf = container.select(EntityManagerFactory.class).get();
        CdiClinic.store(emf, "treatment", new Session(1L, "client-1", "notes from before Custos"));
        CdiClinic.store(emf, new Enquiry(2L, "client-2", null, "undated"));
        RetentionService retention = container.select(RetentionService.class).get();
        ConsentService consents = container.select(ConsentService.class).get();
        assertThat(retention.everSwept()).isFalse();

        AdoptionReport before = retention.adoptionReport();

        assertThat(before.lines()).extracting(AdoptionReport.Line::entity, AdoptionReport.Line::noConsent,
                AdoptionReport.Line::noClock).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Session", 1L, 0L),
                org.assertj.core.groups.Tuple.tuple("Enquiry", 0L, 1L));

        int imported = consents.importConsents(List.of(new ImportedConsent("client-1", "treatment",
                Instant.parse("2020-01-15T09:00:00Z"), "paper-notice-2019", "paper-forms")));

        assertThat(imported).isEqualTo(1);
        assertThat(consents.status("client-1", "treatment").state().name()).isEqualTo("ACTIVE");
        AdoptionReport after = retention.adoptionReport();
        assertThat(after.lines()).filteredOn(l -> l.entity().equals("Session"))
                .extracting(AdoptionReport.Line::kept, AdoptionReport.Line::noConsent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0L));
        assertThat(count("SELECT COUNT(*) FROM custos_consent_event WHERE recorded_by = 'import:paper-forms'"))
                .isEqualTo(1);
    }
}
