// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.clinic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import dev.custos.it.WarLibraries;
import dev.custos.it.clinic.model.CareNote;
import dev.custos.it.clinic.model.Session;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.ProcessingContext;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A clinic application on Open Liberty with sdk-cdi in WEB-INF/lib, annotated entities, a JTA unit on the default
 * data source and {@code custos.pack=no} as the only Custos setting: discovery, consent refusal, audit rows, the
 * Norwegian clinician rule, requests, events and the scheduled sweep, all in the real server.
 */
@ExtendWith(ArquillianExtension.class)
class ClinicIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "clinic.war")
                .addPackages(true, ClinicIT.class.getPackage())
                .addClass(WarLibraries.class)
                .addAsResource(ClinicIT.class.getPackage(), "persistence.xml", "META-INF/persistence.xml")
                .addAsResource(ClinicIT.class.getPackage(), "microprofile-config.properties",
                        "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsLibraries(WarLibraries.sdkCdiRuntime());
    }

    @Inject
    CustosUnits units;

    @Inject
    ClinicService clinic;

    @Inject
    ConsentService consents;

    @Inject
    RequestService requests;

    @Inject
    EventLog events;

    @jakarta.ejb.EJB
    JournalDesk desk;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource database;

    @org.jboss.arquillian.test.api.ArquillianResource
    java.net.URL base;

    @Test
    void custosFoundTheUnitAndItsEntitiesAndMigratedItsTables() throws SQLException {
        assertEquals("clinic", units.runtime().unitName());
        assertEquals("no", units.runtime().pack().id());
        assertEquals(List.of("CareNote", "Session"),
                units.runtime().mappings().stream().map(EntityMapping::entityName).toList());
        assertTrue(rows("SELECT \"version\" FROM CUSTOS_SCHEMA_HISTORY WHERE \"success\" = TRUE").contains("6"));
    }

    @Test
    void readsWithoutConsentAreRefusedAndAuditedAndConsentOpensThem() throws Exception {
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
        // reads by the anonymous caller of the test request (other tests add rows of their own)
        assertTrue(rows("SELECT action, outcome, actor, purpose FROM custos_audit_record WHERE chain_id = 1"
                + " AND entity_name = 'Session'").contains("CREATE DONE reception treatment"));
        assertTrue(rows("SELECT action, outcome, actor, purpose FROM custos_audit_record WHERE chain_id = 2"
                + " AND entity_name = 'Session' ORDER BY record_seq").containsAll(List.of(
                "READ_DENIED DENIED anonymous treatment", "READ PERMITTED anonymous treatment")));
    }

    @Test
    void purposesApplyToSessionBeansAndBadInputsFailWithAViolationNamingTheParameter() throws Exception {
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
        // transaction and nothing is stored
        try (ProcessingContext.Scope scope = ProcessingContext.open("audit",
                dev.custos.jpa.access.Caller.named("inspector", java.util.Set.of("custos-auditor")))) {
            AccessRefusedException denied = refusal(assertThrows(RuntimeException.class,
                    () -> clinic.store(new Session(32L, "client-31", "forged"))));
            assertEquals(List.of("CUSTOS-04500"), denied.reasons().stream().map(Message::code).toList());
        }
        assertEquals(List.of(), rows("SELECT notes FROM Session WHERE id = 32"));

        Throwable blank = assertThrows(RuntimeException.class, () -> consents.give(" ", "treatment", "notice-1"));
        jakarta.validation.ConstraintViolationException violation = null;
        for (Throwable t = blank; t != null && violation == null; t = t.getCause()) {
            if (t instanceof jakarta.validation.ConstraintViolationException v) {
                violation = v;
            }
        }
        assertTrue(violation != null, () -> "expected a constraint violation, got " + blank);
        assertEquals(List.of("give.subjectId"), violation.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath().toString()).toList());
    }

    @Test
    void theCallerIsJakartaSecuritysAuthenticatedUserWithItsRoles() throws Exception {
        assertEquals("dr-berg auditor=false consent=recorded", get("dr-berg"));
        assertEquals("inspector auditor=true consent=CUSTOS-04260", get("inspector"));
        assertTrue(rows("SELECT actor, action FROM custos_audit_record WHERE action = 'CONSENT_GIVEN'")
                .contains("dr-berg CONSENT_GIVEN"));
    }

    private String get(String user) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(base.toURI().resolve("who"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (user + ":" + user + "-pass").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }

    @Test
    void underTheNorwegianPackOnlyTheTreatingClinicianReadsTheJournal() throws Exception {
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
        // one line from Custos at INFO, and none from EclipseLink (CWWJP9991W) for any refused read
        List<String> log = serverLogAfter("(reason CUSTOS-04427)");
        assertTrue(log.stream().anyMatch(line -> line.contains(" I CUSTOS-04409: Reading CareNote")
                && line.contains("(reason CUSTOS-04427)")), String.join("\n", log));
        assertTrue(log.stream().noneMatch(line -> line.contains("CWWJP9991W") && line.contains("CUSTOS-04409")),
                String.join("\n", log));
    }

    /** The server's messages.log (the server runs in its own directory) once it holds {@code expected}. */
    private static List<String> serverLogAfter(String expected) throws Exception {
        java.nio.file.Path file = java.nio.file.Paths.get("logs", "messages.log");
        List<String> lines = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
            if (lines.stream().anyMatch(line -> line.contains(expected))) {
                break;
            }
            Thread.sleep(100);
        }
        return lines;
    }

    @Test
    void aWithdrawalRequestErasesAtOnceAndTheScheduledSweepErasesWhatWithdrawnConsentLeft() throws Exception {
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
        requests.withdrawConsent(request.id(), java.util.Set.of("treatment"));
        assertEquals(java.util.Arrays.asList((String) null), rows("SELECT notes FROM Session WHERE id = 21"));

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
        assertEquals(java.util.Arrays.asList((String) null), rows("SELECT notes FROM Session WHERE id = 22"));
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

    private static AccessRefusedException refusal(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof AccessRefusedException refused) {
                return refused;
            }
        }
        throw new AssertionError("expected an AccessRefusedException, got " + thrown, thrown);
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
