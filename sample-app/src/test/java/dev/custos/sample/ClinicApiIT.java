// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.sample.ClinicHttp.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The two clinics behave as their packs say, through the REST API of the running server: the same scenario under
 * the Danish and the Norwegian rules. The demo clock moves last, since it changes what every other test sees.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClinicApiIT {

    private static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @BeforeAll
    static void clinicStarted() throws InterruptedException {
        ClinicHttp.awaitStarted();
    }

    @Test
    @Order(1)
    void theFormerClientsJournalIsDueAfterFiveYearsInDenmarkAndForReviewAfterTenInNorway() {
        Map<String, JsonObject> columns = scenario();
        JsonObject dk = columns.get("dk");
        JsonObject no = columns.get("no");

        assertThat(dk.getString("journalRetention")).isEqualTo("P5Y after last-entry");
        assertThat(dk.getString("journalOnDue")).isEqualTo("ERASE");
        LocalDate dkLast = LocalDate.parse(dk.getString("formerClientLastEntry"));
        assertThat(dueDate(dk, COPENHAGEN)).isEqualTo(dkLast.plusYears(5));
        assertThat(dk.getString("formerClientJournalStatus")).isEqualTo("RETAINED");

        assertThat(no.getString("journalRetention")).isEqualTo("P10Y after last-entry");
        assertThat(no.getString("journalOnDue")).isEqualTo("REVIEW");
        assertThat(no.getString("journalAccess")).isEqualTo("ASSIGNED_CALLER");
        LocalDate noLast = LocalDate.parse(no.getString("formerClientLastEntry"));
        assertThat(dueDate(no, OSLO)).isEqualTo(noLast.plusYears(10));
        assertThat(strings(no, "journalCitations")).anyMatch(c -> c.contains("Helsepersonelloven") && c.contains("§ 21a"));
        assertThat(strings(dk, "journalCitations")).anyMatch(c -> c.contains("Autorisationsloven") && c.contains("§ 25"));
    }

    @Test
    @Order(2)
    void aRequestIsDueWithinOneCalendarMonthInDenmarkAndWithinTheThirtyDaysTheNorwegianClinicPromises() {
        Map<String, JsonObject> columns = scenario();
        // Art. 12(3): one calendar month from the day of receipt, in the clinic's time zone
        LocalDate dkToday = LocalDate.ofInstant(clockNow(), COPENHAGEN);
        assertThat(LocalDate.parse(columns.get("dk").getString("requestDeadline"))).isEqualTo(dkToday.plusMonths(1));
        assertThat(columns.get("dk").getString("requestDeadlineBasis")).isEqualTo("GDPR Art. 12(3)");
        // the Norwegian clinic promises 30 days: the earlier of that and the month applies
        LocalDate noToday = LocalDate.ofInstant(clockNow(), OSLO);
        LocalDate thirtyDays = noToday.plusDays(30);
        LocalDate month = noToday.plusMonths(1);
        assertThat(LocalDate.parse(columns.get("no").getString("requestDeadline")))
                .isEqualTo(thirtyDays.isBefore(month) ? thirtyDays : month);
        assertThat(columns.get("no").getString("requestDeadlineBasis"))
                .isEqualTo(thirtyDays.isBefore(month) ? "policy pack: answered within P30D" : "GDPR Art. 12(3)");
    }

    @Test
    @Order(3)
    void onlyTheTreatingClinicianReadsANorwegianJournalWhileAnyDanishClinicianMay() {
        Reply refused = ClinicHttp.as("dr-lie").get("api/no/clients/ola/journal");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(messageIds(refused)).contains("CUSTOS-04427");
        assertThat(refused.object().getString("detail")).matches("CUSTOS-04\\d{3}: .+");
        assertThat(refused.body()).doesNotContain("sleep problems");

        Reply writeRefused = ClinicHttp.as("dr-lie").post("api/no/clients/ola/journal",
                "{\"kind\":\"SESSION_NOTE\",\"text\":\"not my patient\"}");
        assertThat(writeRefused.status()).isEqualTo(403);
        assertThat(writeRefused.object().getString("detail")).matches("CUSTOS-04\\d{3}: .+");
        assertThat(List.of(refused, writeRefused)).allSatisfy(ClinicApiIT::holdsNoPersonalData);

        Reply treating = ClinicHttp.as("dr-berg").get("api/no/clients/ola/journal");
        assertThat(treating.status()).isEqualTo(200);
        assertThat(treating.array()).isNotEmpty();
        assertThat(treating.body()).doesNotContain("not my patient");

        Reply danish = ClinicHttp.as("mette").get("api/dk/clients/anna/journal");
        assertThat(danish.status()).isEqualTo(200);
        assertThat(danish.array()).isNotEmpty();
    }

    /** Issue 18: the auditor reads the audit, not the data; the refusal is in the trail the auditor reads. */
    @Test
    @Order(3)
    void theAuditorIsRefusedAJournalAndFindsTheRefusalInTheAudit() {
        for (String[] clinic : new String[][] {{"dk", "anna"}, {"no", "ola"}}) {
            Reply refused = ClinicHttp.as("auditor").get("api/" + clinic[0] + "/clients/" + clinic[1] + "/journal");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(messageIds(refused)).contains("CUSTOS-04500");
            assertThat(refused.body()).doesNotContain("sleep");
            Reply trail = ClinicHttp.as("auditor").get("api/" + clinic[0] + "/audit/subjects/" + clinic[1]);
            assertThat(trail.status()).isEqualTo(200);
            assertThat(trail.array()).map(e -> e.asJsonObject())
                    .anySatisfy(e -> {
                        assertThat(e.getString("actor")).isEqualTo("auditor");
                        assertThat(e.getString("action")).isEqualTo("READ_DENIED");
                        assertThat(e.getString("detail")).isEqualTo("CUSTOS-04500");
                    });
        }
    }

    /**
     * Issue 18: purpose limitation. The clinic's statistics count the journal's entries, which is no one's personal
     * data, but may not read their text, which is kept for treatment and disclosure to the GP alone; the refusal is
     * audited under the purpose it was asked for.
     */
    @Test
    @Order(3)
    void theStatisticsCountTheJournalsEntriesButAreRefusedTheirText() {
        Reply counts = ClinicHttp.as("mette").get("api/dk/statistics/journal");
        assertThat(counts.status()).isEqualTo(200);
        assertThat(counts.array()).map(JsonValue::asJsonObject).anySatisfy(c -> {
            assertThat(c.getString("kind")).isEqualTo("SESSION_NOTE");
            assertThat(c.getJsonNumber("entries").longValue()).isPositive();
        });

        Reply refused = ClinicHttp.as("mette").get("api/dk/statistics/journal/texts");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.object().getString("detail")).startsWith("CUSTOS-04503: ").contains("[text]");
        assertThat(messageIds(refused)).containsExactly("CUSTOS-04411");
        assertThat(refused.body()).contains("statistics").contains("treatment, gp-disclosure")
                .doesNotContain("Session note").doesNotContain("therapy");
        holdsNoPersonalData(refused);

        // the refusal is audited on the entry it stopped at, under the purpose it was asked for
        List<JsonObject> denied = List.of("jens", "anna", "birgit").stream()
                .flatMap(subject -> ClinicHttp.as("auditor").get("api/dk/audit/subjects/" + subject).array().stream())
                .map(JsonValue::asJsonObject).filter(e -> e.getString("purpose", "").equals("statistics")).toList();
        assertThat(denied).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getString("actor")).isEqualTo("mette");
            assertThat(e.getString("action")).isEqualTo("READ_DENIED");
            assertThat(e.getString("detail")).isEqualTo("CUSTOS-04411");
        });
        // the auditor reads statistics of no one: the resource is the clinicians'
        assertThat(ClinicHttp.as("auditor").get("api/dk/statistics/journal").status()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void anErasureRequestKeepsTheJournalNamingTheStatuteWhileTheDutyToKeepLasts() {
        assertJournalKept("dk", "anna", "mette", "Autorisationsloven");
        assertJournalKept("no", "ola", "dr-berg", "Helsepersonelloven");
    }

    private static void assertJournalKept(String clinic, String patient, String clinician, String statute) {
        Reply filed = ClinicHttp.as(patient).post("api/" + clinic + "/me/requests", "{\"type\":\"ERASURE\"}");
        assertThat(filed.status()).isEqualTo(200);
        String id = filed.object().getString("id");
        assertThat(filed.object().getString("state")).isEqualTo("IDENTITY_VERIFIED");

        Reply done = ClinicHttp.as("reception").post("api/" + clinic + "/requests/" + id + "/execute", "[]");
        assertThat(done.status()).isEqualTo(200);
        List<JsonObject> journal = lines(done.object().getJsonObject("answer"), "JournalEntry", "text");
        assertThat(journal).isNotEmpty().allSatisfy(line -> {
            assertThat(line.getString("outcome")).isEqualTo("KEPT");
            assertThat(line.getString("exemption")).isEqualTo("GDPR Art. 17(3)(b)");
            assertThat(line.getString("citation")).contains(statute);
        });
        // kept means kept: the clinician still reads it
        assertThat(ClinicHttp.as(clinician).get("api/" + clinic + "/clients/" + patient + "/journal").array())
                .isNotEmpty().allSatisfy(e -> assertThat(text(e)).isNotBlank());

        // the patient follows the request and reads the same answer
        Reply followed = ClinicHttp.as(patient).get("api/" + clinic + "/me/requests/" + id);
        assertThat(followed.object().getJsonObject("request").getString("state")).isEqualTo("COMPLETED");
        assertThat(lines(followed.object().getJsonObject("answer"), "JournalEntry", "text")).hasSize(journal.size());
    }

    @Test
    @Order(4)
    void withdrawingNewsletterConsentErasesTheSubscriptionInBothClinicsAndTheAuditorSeesIt() {
        for (String[] patient : new String[][] {{"dk", "anna"}, {"no", "ola"}}) {
            String clinic = patient[0];
            String subject = patient[1];
            assertThat(consentState(clinic, subject)).isEqualTo("ACTIVE");

            Reply withdrawn = ClinicHttp.as(subject).put("api/" + clinic + "/me/consents/newsletter", "{\"given\":false}");
            assertThat(withdrawn.status()).isEqualTo(200);
            JsonObject answer = withdrawn.object().getJsonObject("answer");
            assertThat(lines(answer, "NewsletterSubscription", "email")).singleElement()
                    .satisfies(line -> assertThat(line.getString("outcome")).isEqualTo("ERASED"));
            // the journal rests on a legal duty, not on that consent
            assertThat(lines(answer, "JournalEntry", "text")).allSatisfy(
                    line -> assertThat(line.getString("outcome")).isEqualTo("KEPT"));
            assertThat(consentState(clinic, subject)).isEqualTo("ENDED");

            Reply trail = ClinicHttp.as("auditor").get("api/" + clinic + "/audit/subjects/" + subject);
            assertThat(trail.status()).isEqualTo(200);
            List<String> actions = trail.array().stream().map(r -> r.asJsonObject().getString("action")).toList();
            assertThat(actions).contains("CONSENT_WITHDRAWN", "ERASE", "READ");
        }
    }

    @Test
    @Order(6)
    void theAuditorVerifiesTheChainsReadsTheForecastAndTheRecordButChangesNothing() throws IOException {
        for (String clinic : List.of("dk", "no")) {
            Reply chains = ClinicHttp.as("auditor").get("api/" + clinic + "/audit/verify");
            // the write and read audit chains and the consent ledger's chain
            assertThat(chains.array()).extracting(c -> c.asJsonObject().getString("chain"))
                    .containsExactlyInAnyOrder("writes", "reads", "ledger");
            assertThat(chains.array()).allSatisfy(chain -> {
                assertThat(chain.asJsonObject().getBoolean("intact")).isTrue();
                assertThat(chain.asJsonObject().getJsonNumber("recordsChecked").longValue()).isPositive();
            });
            Reply forecast = ClinicHttp.as("auditor").get("api/" + clinic + "/audit/forecast");
            assertThat(forecast.array()).anySatisfy(e -> {
                assertThat(e.asJsonObject().getString("entity")).isEqualTo("JournalEntry");
                assertThat(e.asJsonObject().getString("rule")).isEqualTo("journal");
            });
            Reply record = ClinicHttp.as("auditor").get("api/" + clinic + "/audit/record");
            assertThat(record.status()).isEqualTo(200);
            assertThat(record.body()).contains(clinic.equals("dk") ? "Solhaven" : "Fjordlys").contains("newsletter")
                    .contains("journal");
            // the record checked in under docs/ (read from the classes by SampleClinicRecordTest) is the one the
            // running clinic reads from the JPA metamodel
            assertThat(record.body()).as("the record served and docs/sample-clinic-record-%s.md", clinic)
                    .isEqualTo(Files.readString(Path.of("../docs/sample-clinic-record-" + clinic + ".md")));
            assertThat(ClinicHttp.as("auditor").get("api/" + clinic + "/requests").status()).isEqualTo(200);
        }
        Reply filed = ClinicHttp.as("birgit").post("api/dk/me/requests", "{\"type\":\"ACCESS\"}");
        String id = filed.object().getString("id");
        // the auditor reads; carrying out a request is the front desk's work
        assertThat(ClinicHttp.as("auditor").post("api/dk/requests/" + id + "/execute", "[]").status()).isEqualTo(403);
        assertThat(ClinicHttp.as("birgit").get("api/dk/audit/verify").status()).isEqualTo(403);
        List<String> open = ClinicHttp.as("auditor").get("api/dk/requests").array().stream()
                .map(r -> r.asJsonObject().getString("id")).toList();
        assertThat(open).contains(id);
    }

    @Test
    @Order(7)
    void badInputIsAnsweredWithAProblemThatSaysWhatToFixAndNeverAStackTrace() {
        List<Reply> replies = List.of(
                expect(404, ClinicHttp.as("mette").get("api/se/clients/anna/journal")),
                expect(404, ClinicHttp.as("mette").get("api/dk/clients/nobody/journal")),
                expect(400, ClinicHttp.as("mette").get("api/dk/clients/x'%20OR%20'1'='1/journal")),
                expect(400, ClinicHttp.as("mette").post("api/dk/clients/anna/journal", "{\"kind\":\"NOTE\"")),
                expect(400, ClinicHttp.as("mette").post("api/dk/clients/anna/journal", "{\"kind\":\"SESSION_NOTE\"}")),
                expect(400, ClinicHttp.as("anna").post("api/dk/me/requests", "{\"type\":\"FORGET_ME\"}")),
                expect(404, ClinicHttp.as("anna").get("api/dk/me/requests/dsr-forged")),
                expect(404, ClinicHttp.as("reception").post("api/dk/requests/dsr-forged/execute", "[]")),
                expect(404, ClinicHttp.as("anna").put("api/dk/me/consents/marketing", "{\"given\":true}")),
                expect(403, ClinicHttp.as("ola").get("api/dk/me/consents")),
                expect(400, ClinicHttp.as("auditor").post("api/demo/clock", "{\"period\":\"three months\"}")),
                expect(400, ClinicHttp.as("auditor").post("api/demo/clock", "{\"period\":\"-P1M\"}")),
                expect(400, ClinicHttp.as("auditor").get("api/dk/audit/forecast?limit=0")));
        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.object().getString("detail")).isNotBlank();
            assertThat(reply.body()).doesNotContain("\tat ").doesNotContain("Exception:");
            holdsNoPersonalData(reply);
        });
        assertThat(ClinicHttp.anonymous().get("api/dk/me/consents").status()).isEqualTo(401);
        assertThat(ClinicHttp.anonymous().get("openapi").body()).contains("/api/{clinic}/me/consents");
    }

    /**
     * Issue 18, item 3: the Danish journal is kept under a legal duty, but disclosing it to the GP needs the client's
     * written consent; the clinician records the signed form, and the client's withdrawal stops it at once.
     */
    @Test
    @Order(7)
    void disclosingTheJournalToTheGpNeedsTheClientsWrittenConsentAndStopsWhenItIsWithdrawn() {
        String disclosure = "api/dk/clients/birgit/gp-disclosure";
        Reply without = ClinicHttp.as("mette").get(disclosure);
        assertThat(without.status()).isEqualTo(403);
        assertThat(without.body()).contains("CUSTOS-02002");
        // the patient cannot give it on the page: the pack asks for it in writing
        Reply online = ClinicHttp.as("birgit").put("api/dk/me/consents/gp-disclosure", "{\"given\":true}");
        assertThat(online.status()).isEqualTo(422);
        assertThat(online.body()).contains("CUSTOS-02032");

        Reply signed = ClinicHttp.as("mette").put(disclosure + "/consent",
                "{\"reference\":\"scan 2026-114\",\"signedOn\":\"2026-11-02\"}");
        assertThat(signed.status()).isEqualTo(204);
        assertThat(ClinicHttp.as("mette").get(disclosure).array())
                .isNotEmpty().allSatisfy(e -> assertThat(text(e)).isNotBlank());
        assertThat(consentState("dk", "birgit", "gp-disclosure")).isEqualTo("ACTIVE");

        assertThat(ClinicHttp.as("mette").delete(disclosure + "/consent").status()).isEqualTo(204);
        Reply withdrawn = ClinicHttp.as("mette").get(disclosure);
        assertThat(withdrawn.status()).isEqualTo(403);
        assertThat(withdrawn.body()).contains("CUSTOS-02003");
        // treatment reads the journal as before: it rests on the legal duty, not on that consent
        assertThat(ClinicHttp.as("mette").get("api/dk/clients/birgit/journal").array())
                .isNotEmpty().allSatisfy(e -> assertThat(text(e)).isNotBlank());
        // only the Danish clinic discloses under this purpose
        assertThat(ClinicHttp.as("dr-berg").get("api/no/clients/kari/gp-disclosure").status()).isEqualTo(404);
    }

    @Test
    @Order(8)
    void movingTheDemoClockThreeMonthsErasesTheDanishJournalButNotTheNorwegianOne() {
        Reply moved = ClinicHttp.as("reception").post("api/demo/clock", "{\"period\":\"P3M\"}");
        assertThat(moved.status()).isEqualTo(200);
        Map<String, JsonObject> sweeps = moved.object().getJsonArray("sweeps").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(s -> s.getString("clinic"), s -> s));
        assertThat(sweeps.get("dk").getString("outcome")).isEqualTo("COMPLETED");
        assertThat(sweeps.get("dk").getJsonNumber("erased").longValue()).isPositive();
        assertThat(sweeps.get("no").getString("outcome")).isEqualTo("COMPLETED");

        Map<String, JsonObject> columns = scenario();
        assertThat(columns.get("dk").getString("formerClientJournalStatus")).isEqualTo("ERASED");
        assertThat(columns.get("no").getString("formerClientJournalStatus")).isEqualTo("RETAINED");
        assertThat(ClinicHttp.as("mette").get("api/dk/clients/jens/journal").array())
                .isNotEmpty().allSatisfy(e -> assertThat(text(e)).isNull());
        assertThat(ClinicHttp.as("dr-berg").get("api/no/clients/sigrid/journal").array())
                .isNotEmpty().allSatisfy(e -> assertThat(text(e)).isNotBlank());
    }

    /** A journal entry's text; an erased one is left out of the JSON. */
    private static String text(JsonValue entry) {
        JsonValue text = entry.asJsonObject().get("text");
        return text == null || text == JsonValue.NULL ? null : ((JsonString) text).getString();
    }

    /** The seeded values of the patients the refused and failed calls concern (the issue-17 leak search). */
    private static final List<String> PERSONAL = List.of("Ola Nordmann", "ola@example.org", "Anna Holm",
            "anna@example.org", "sleep problems", "next week's session", "not my patient");

    /**
     * A problem document names no patient: none of their seeded values, nor their ids (ola, anna), which key the
     * clients' rows; Custos names such a row by pseudonym.
     */
    private static void holdsNoPersonalData(Reply problem) {
        PERSONAL.forEach(value -> assertThat(problem.body()).as("problem document").doesNotContainIgnoringCase(value));
        assertThat(problem.body()).as("problem document").doesNotContainPattern("(?i)\\b(ola|anna)\\b");
    }

    private static Reply expect(int status, Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        return reply;
    }

    private static Map<String, JsonObject> scenario() {
        return ClinicHttp.anonymous().get("api/public/scenario").array().stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getJsonObject("clinic").getString("id"), c -> c));
    }

    private static Instant clockNow() {
        return Instant.parse(ClinicHttp.anonymous().get("api/public/clock").object().getString("now"));
    }

    private static LocalDate dueDate(JsonObject column, ZoneId zone) {
        return LocalDate.ofInstant(Instant.parse(column.getString("formerClientJournalDue")), zone);
    }

    private static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static List<String> messageIds(Reply problem) {
        return problem.object().getJsonArray("messages").stream().map(m -> m.asJsonObject().getString("id")).toList();
    }

    private static List<JsonObject> lines(JsonObject answer, String entity, String attribute) {
        return answer.getJsonArray("attributes").stream().map(JsonValue::asJsonObject)
                .filter(l -> l.getString("entity").equals(entity) && l.getString("attribute").equals(attribute))
                .toList();
    }

    private static String consentState(String clinic, String patient) {
        return consentState(clinic, patient, "newsletter");
    }

    private static String consentState(String clinic, String patient, String purpose) {
        return ClinicHttp.as(patient).get("api/" + clinic + "/me/consents").array().stream()
                .map(JsonValue::asJsonObject).filter(c -> c.getString("purpose").equals(purpose))
                .map(c -> c.getString("state")).findFirst().orElseThrow();
    }
}
