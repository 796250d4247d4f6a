// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.clinic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custos.cdi.ConsentService;
import dev.custos.cdi.CustosUnits;
import dev.custos.cdi.RequestService;
import dev.custos.cdi.event.ConsentGiven;
import dev.custos.cdi.event.ConsentWithdrawn;
import dev.custos.cdi.event.DataErased;
import dev.custos.core.Message;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.it.clinic.model.CareNote;
import dev.custos.it.clinic.model.Session;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;

/**
 * What the clinic application must do on every server (the same entities, beans and servlet; {@code custos.pack=no}
 * the only Custos setting): discovery, consent refusal, audit rows, the Norwegian clinician rule, requests, events,
 * the scheduled sweep, a session bean under CMT, Bean Validation, an authenticated caller with roles and a denied
 * write that stores nothing. Each server's test (liberty-tests' {@code ClinicIT}, wildfly-tests'
 * {@code ClinicOnWildFlyIT}) deploys it and names its data source and its log.
 */
public abstract class ClinicScenarios {

    @Inject
    protected CustosUnits units;

    @Inject
    protected ClinicService clinic;

    @Inject
    protected ConsentService consents;

    @Inject
    protected RequestService requests;

    @Inject
    protected EventLog events;

    @EJB
    protected JournalDesk desk;

    @ArquillianResource
    protected URL base;

    /** The data source of the clinic's unit, where Custos' tables are. */
    protected abstract DataSource database();

    /** The server's log file. */
    protected abstract Path serverLog();

    /**
     * Asserts that the server's log, which holds "(reason CUSTOS-04427)", has Custos' INFO line for the refused read
     * of a care note, as the server writes it, and nothing else of the refusal.
     */
    protected abstract void assertRefusedReadLogged(List<String> log);

    @Test
    public void custosFoundTheUnitAndItsEntitiesAndMigratedItsTables() throws SQLException {
        assertEquals("clinic", units.runtime().unitName());
        assertEquals("no", units.runtime().pack().id());
        assertEquals(List.of("CareNote", "Session"),
                units.runtime().mappings().stream().map(EntityMapping::entityName).toList());
        // unquoted, the table's name is folded to each database's case
        assertTrue(rows("SELECT \"version\" FROM custos_schema_history WHERE \"success\" = TRUE").contains("6"));
    }

    @Test
    public void readsWithoutConsentAreRefusedAndAuditedAndConsentOpensThem() throws Exception {
        try (ProcessingContext.Scope scope = ProcessingContext.open("intake", "reception")) {
            clinic.store(new Session(1L, "client-1", "sleeps badly"));
        }
        AccessRefusedException refused = refusal(assertThrows(RuntimeException.class, () -> clinic.sessionNotes(1L)));
        assertEquals("CUSTOS-04409", refused.messageId());

        events.events().clear();
        consents.give("client-1", "treatment", "notice-2026-11");
        assertEquals("sleeps badly", clinic.sessionNotes(1L));
        ConsentGiven given = next(ConsentGiven.class);
        assertEquals(List.of("clinic", "client-1", "treatment"), List.of(given.unit(), given.subjectId(),
                given.purpose()));

        // the write in the JTA transaction under the service's purpose, by the caller of the enclosing scope; the
        // reads by the anonymous caller of the test request
        List<String> audit = rows("SELECT action, outcome, actor, purpose FROM custos_audit_record"
                + " WHERE entity_name = 'Session' AND entity_id = '1' ORDER BY chain_id, record_seq");
        assertTrue(audit.containsAll(List.of("CREATE DONE reception treatment",
                "READ_DENIED DENIED anonymous treatment", "READ PERMITTED anonymous treatment")), audit::toString);
    }

    @Test
    public void purposesApplyToSessionBeansAndBadInputsFailWithAViolationNamingTheParameter() throws Exception {
        try (ProcessingContext.Scope scope = ProcessingContext.open("intake", "reception")) {
            clinic.store(new Session(31L, "client-31", "tired"));
        }
        consents.give("client-31", "treatment", "notice-2026-11");
        assertEquals("tired", desk.sessionNotes(31L));
        AccessRefusedException noPurpose = refusal(assertThrows(RuntimeException.class, () -> desk.withoutPurpose(31L)));
        assertEquals(List.of("CUSTOS-04410"), noPurpose.reasons().stream().map(Message::code).toList());

        String export = desk.accessExport("client-31");
        assertTrue(export.contains("tired"), export);

        // an auditor sees no content and changes nothing (custos.roles.no-content): the write fails in the JTA
        // transaction and nothing is stored. A provider that flushes at commit (Hibernate) gives the refusal as the
        // cause of the commit's RollbackException.
        try (ProcessingContext.Scope scope = ProcessingContext.open("audit",
                Caller.named("inspector", Set.of("custos-auditor")))) {
            AccessRefusedException denied = refusal(assertThrows(Exception.class,
                    () -> clinic.store(new Session(32L, "client-31", "forged"))));
            assertEquals(List.of("CUSTOS-04500"), denied.reasons().stream().map(Message::code).toList());
        }
        assertEquals(List.of(), rows("SELECT notes FROM Session WHERE id = 32"));

        Throwable blank = assertThrows(RuntimeException.class, () -> consents.give(" ", "treatment", "notice-1"));
        ConstraintViolationException violation = null;
        for (Throwable t = blank; t != null && violation == null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException v) {
                violation = v;
            }
        }
        assertNotNull(violation, () -> "expected a constraint violation, got " + blank);
        assertEquals(List.of("give.subjectId"), violation.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath().toString()).toList());
    }

    @Test
    public void theCallerIsJakartaSecuritysAuthenticatedUserWithItsRoles() throws Exception {
        assertEquals("dr-berg auditor=false consent=recorded", get("dr-berg"));
        assertEquals("inspector auditor=true consent=CUSTOS-04260", get("inspector"));
        assertTrue(rows("SELECT actor, action FROM custos_audit_record WHERE action = 'CONSENT_GIVEN'")
                .contains("dr-berg CONSENT_GIVEN"));
    }

    @Test
    public void underTheNorwegianPackOnlyTheTreatingClinicianReadsTheJournal() throws Exception {
        try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "dr-berg")) {
            clinic.store(new CareNote(7L, "client-7", "dr-berg", LocalDate.of(2026, 11, 2), "first session"));
            assertEquals("first session", clinic.careNote(7L));
        }
        try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "dr-lie")) {
            AccessRefusedException refused = refusal(assertThrows(RuntimeException.class, () -> clinic.careNote(7L)));
            assertEquals(List.of("CUSTOS-04427"), refused.reasons().stream().map(Message::code).toList());
        }
        assertEquals(List.of("READ_DENIED dr-lie CUSTOS-04427"), rows("SELECT action, actor, detail"
                + " FROM custos_audit_record WHERE entity_name = 'CareNote' AND outcome = 'DENIED'"));
        // Custos' line reaches the server's log at INFO through System.Logger
        assertRefusedReadLogged(serverLogAfter("(reason CUSTOS-04427)"));
    }

    @Test
    public void aWithdrawalRequestErasesAtOnceAndTheScheduledSweepErasesWhatWithdrawnConsentLeft() throws Exception {
        try (ProcessingContext.Scope scope = ProcessingContext.open("intake", "reception")) {
            clinic.store(new Session(21L, "client-21", "request"));
            clinic.store(new Session(22L, "client-22", "sweep"));
        }
        consents.give("client-21", "treatment", "notice-2026-11");
        consents.give("client-22", "treatment", "notice-2026-11");
        events.events().clear();

        // a request: erased inside it, reported value by value
        DataSubjectRequest request = requests.receive(RequestType.CONSENT_WITHDRAWAL, "client-21");
        requests.verifyIdentity(request.id());
        requests.withdrawConsent(request.id(), Set.of("treatment"));
        assertEquals(Arrays.asList((String) null), rows("SELECT notes FROM Session WHERE id = 21"));

        // through the consent service: the scheduled sweep erases it within seconds
        consents.withdraw("client-22", "treatment");
        List<Object> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (seen.stream().noneMatch(e -> e instanceof DataErased d && d.origin().equals("sweep"))
                && System.nanoTime() < deadline) {
            Object event = events.events().poll(1, TimeUnit.SECONDS);
            if (event != null) {
                seen.add(event);
            }
        }
        assertTrue(seen.stream().anyMatch(e -> e instanceof ConsentWithdrawn), seen::toString);
        assertTrue(seen.stream().anyMatch(e -> e instanceof DataErased d && d.origin().equals("sweep")),
                seen::toString);
        assertEquals(Arrays.asList((String) null), rows("SELECT notes FROM Session WHERE id = 22"));
    }

    /** The server's log once it holds {@code expected}. */
    private List<String> serverLogAfter(String expected) throws Exception {
        List<String> lines = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            lines = Files.readAllLines(serverLog(), StandardCharsets.UTF_8);
            if (lines.stream().anyMatch(line -> line.contains(expected))) {
                break;
            }
            Thread.sleep(100);
        }
        return lines;
    }

    private String get(String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("who"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + user + "-pass").getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }

    /** The next event of {@code type}, skipping others (the scheduled sweep fires its own at any time). */
    private <T> T next(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Object event = events.events().poll(1, TimeUnit.SECONDS);
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within 30 s");
    }

    protected static AccessRefusedException refusal(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof AccessRefusedException refused) {
                return refused;
            }
        }
        throw new AssertionError("expected an AccessRefusedException, got " + thrown, thrown);
    }

    protected List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = database().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                rows.add(columns == 1 ? rs.getString(1) : row.toString());
            }
        }
        return rows;
    }
}
