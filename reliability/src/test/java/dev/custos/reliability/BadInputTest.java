// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.CustosException;
import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import dev.custos.core.consent.ConsentEvidence;
import dev.custos.core.gdpr.DataCategory;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.metadata.ModelReader;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyPacks;
import dev.custos.core.request.RequestType;
import dev.custos.core.retention.RetentionSpec;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.request.RequestExecutor;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Client;
import jakarta.persistence.EntityManagerFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7 of issue #8: bad input in annotations, pack files and API calls (malformed periods, unknown rules,
 * unknown subjects and requests, oversized or injected strings, forged request ids, work on requests whose
 * requester's identity is not verified). Each must fail with a numbered message {@code CUSTOS-NNNNN} and leave
 * the Custos tables and the application's table as they were.
 */
class BadInputTest {

    private static final Pattern NUMBERED = Pattern.compile("CUSTOS-\\d{5}");
    private static final String INJECTED = "x'); DELETE FROM custos_audit_record; --";
    private static final String HUGE = "x".repeat(100_000);
    private static final List<String> TABLES = List.of("custos_audit_record", "custos_consent_event", "custos_request",
            "custos_request_transition", "custos_subject_key", "custos_legal_hold", "custos_erasure_log", "Client");

    /** Bad inputs accepted today (none): they fail only the full run ({@code custos.reliability.strict}). */
    private static final Set<String> KNOWN_GAPS = Set.of();

    private interface Input {
        void run() throws Exception;
    }

    @Test
    void everyBadInputGetsANumberedErrorAndChangesNothing() throws Exception {
        Map<String, Input> cases = new LinkedHashMap<>();
        periods(cases);
        packs(cases);
        annotations(cases);
        List<String> unhandled = new ArrayList<>();
        List<String> unhandledCases = new ArrayList<>();
        try (TestDatabase db = TestDatabase.migrated(TestDatabase.DERBY)) {
            JpaUnit unit = new JpaUnit(JpaUnit.Provider.HIBERNATE, db.name());
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk"));
            try {
                CustosRuntime runtime = CustosJpa.start(unit.unitName(), emf, db.dataSource());
                JpaUnit.inTransaction(emf, em -> em.persist(new Client("c1", "Ada", "ada@example.org",
                        LocalDate.of(2025, 1, 1))));
                String unverified = new RequestExecutor(runtime).receive(RequestType.ERASURE, "c1", Instant.now())
                        .id();
                api(cases, runtime, unverified);
                for (Map.Entry<String, Input> input : cases.entrySet()) {
                    Map<String, Long> before = snapshot(db);
                    String outcome = outcome(input.getValue());
                    if (!NUMBERED.matcher(outcome).lookingAt()) {
                        unhandled.add(input.getKey() + ": " + outcome);
                        unhandledCases.add(input.getKey());
                    } else if (!snapshot(db).equals(before)) {
                        unhandled.add(input.getKey() + ": " + outcome + ", but changed " + before + " to "
                                + snapshot(db));
                    }
                }
            } finally {
                emf.close();
            }
        }
        unhandled.forEach(u -> System.out.println("unhandled: " + u));
        Sizes.result("bad_inputs=" + cases.size() + " handled=" + (cases.size() - unhandled.size()));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        if (Sizes.flag("strict")) {
            assertThat(unhandled).isEmpty();
        } else {
            assertThat(unhandledCases).as(unhandled.toString()).isSubsetOf(KNOWN_GAPS);
            assertThat(unhandled).hasSameSizeAs(unhandledCases); // nothing numbered changed the tables
        }
    }

    private static void periods(Map<String, Input> cases) {
        for (String spec : List.of("", "   ", "P1X after last-session", "P after last-session", "-P1Y after last-session",
                "P1Y after", "after last-session", "P1Y before last-session", "1Y after last-session",
                "P1Y after last-session; DROP TABLE Client", "P" + "9".repeat(40) + "Y after last-session",
                "P1Y after " + HUGE, "P1Y2 after last-session", "forever", "P1Y after last-session after x",
                "PT1H after last-session", "P1Y after last session", "policy:")) {
            cases.put("retention '" + abbreviate(spec) + "'", () -> RetentionSpec.parse(spec, "Client.name"));
        }
    }

    private static void packs(Map<String, Input> cases) {
        String head = "<policy-pack xmlns=\"urn:custos:policy-pack:1\" id=\"zz\" jurisdiction=\"ZZ\""
                + " zone=\"Europe/Copenhagen\"><name>t</name><source id=\"s\" title=\"S\"/>";
        Map<String, String> xml = new LinkedHashMap<>();
        xml.put("empty file", "");
        xml.put("not XML", "retention: P1Y");
        xml.put("unclosed", head + "<rule id=\"r\"");
        xml.put("wrong root", "<pack xmlns=\"urn:custos:policy-pack:1\"/>");
        xml.put("wrong namespace", "<policy-pack xmlns=\"urn:other\" id=\"zz\"/>");
        xml.put("no id", "<policy-pack xmlns=\"urn:custos:policy-pack:1\" jurisdiction=\"ZZ\" zone=\"UTC\"/>");
        xml.put("unknown zone", head.replace("Europe/Copenhagen", "Mars/Olympus") + "</policy-pack>");
        xml.put("malformed rule period", head + "<rule id=\"r\" basis=\"CONSENT\" retention=\"P1X after x\">"
                + "<title>t</title></rule></policy-pack>");
        xml.put("unknown basis", head + "<rule id=\"r\" basis=\"WHIM\" retention=\"P1Y after x\"><title>t</title>"
                + "</rule></policy-pack>");
        xml.put("duplicate rule", head + "<rule id=\"r\" basis=\"CONSENT\" retention=\"P1Y after x\"><title>t</title>"
                + "</rule><rule id=\"r\" basis=\"CONSENT\" retention=\"P1Y after x\"><title>t</title></rule>"
                + "</policy-pack>");
        xml.put("external entity (XXE)", "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY e SYSTEM"
                + " \"file:///etc/passwd\">]>" + head.replace("<name>t</name>", "<name>&e;</name>") + "</policy-pack>");
        xml.put("entity expansion", "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b"
                + " \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + head.replace("<name>t</name>", "<name>&c;</name>") + "</policy-pack>");
        xml.put("oversized id", head.replace("id=\"zz\"", "id=\"" + HUGE + "\"") + "</policy-pack>");
        xml.put("unknown element", head + "<backdoor/></policy-pack>");
        xml.forEach((name, text) -> cases.put("pack " + name, () -> PolicyPacks.read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "bad.xml")));
        for (String id : List.of("xx", "../../../etc/passwd", "", INJECTED)) {
            cases.put("pack id '" + abbreviate(id) + "'", () -> PolicyPacks.load(id));
        }
    }

    private static void annotations(Map<String, Input> cases) {
        PolicyPack dk = PolicyPacks.load("dk");
        Map<String, Class<?>> broken = new LinkedHashMap<>();
        broken.put("malformed period", MalformedPeriod.class);
        broken.put("unknown policy rule", UnknownRule.class);
        broken.put("no data subject", NoSubject.class);
        broken.put("two data subjects", TwoSubjects.class);
        broken.put("anchor that does not exist", MissingAnchor.class);
        broken.put("injected retention", InjectedRetention.class);
        broken.forEach((name, type) -> cases.put("annotation " + name, () -> ModelReader.read(List.of(type), dk)));
    }

    /** A newsletter consent needs an age band under the Danish pack (GDPR Art. 8). */
    private static final ConsentEvidence ADULT = ConsentEvidence.NONE.withAgeAtLeast(18);

    private static void api(Map<String, Input> cases, CustosRuntime runtime, String unverified) {
        ConsentRegistry consents = new ConsentRegistry(runtime);
        RequestExecutor requests = new RequestExecutor(runtime);
        cases.put("consent for an unknown purpose", () -> consents.give("c1", "marketing", "n1", "portal"));
        cases.put("consent for an injected purpose", () -> consents.give("c1", INJECTED, "n1", "portal"));
        cases.put("consent for an oversized purpose", () -> consents.give("c1", HUGE, "n1", "portal"));
        cases.put("withdrawal for an unknown purpose", () -> consents.withdraw("c1", "marketing", "portal"));
        cases.put("consent of an oversized subject id", () -> consents.give(HUGE, "newsletter", "n1", ADULT, "portal"));
        cases.put("consent of a blank subject id", () -> consents.give(" ", "newsletter", "n1", ADULT, "portal"));
        for (String forged : List.of("req-forged", INJECTED, HUGE, "")) {
            String label = abbreviate(forged);
            cases.put("verify forged request '" + label + "'", () -> requests.verifyIdentity(forged, "clerk"));
            cases.put("export forged request '" + label + "'", () -> requests.exportAccess(forged));
            cases.put("erase forged request '" + label + "'", () -> requests.erase(forged));
        }
        cases.put("erasure without verified identity", () -> requests.erase(unverified));
        cases.put("export without verified identity", () -> requests.exportAccess(unverified));
        cases.put("restriction without verified identity", () -> requests.restrict(unverified));
        cases.put("objection without verified identity", () -> requests.object(unverified));
        cases.put("withdrawal without verified identity", () -> requests.withdrawConsent(unverified,
                Set.of("newsletter")));
        cases.put("request with an oversized id", () -> requests.receive(HUGE, RequestType.ACCESS, "c1", Instant.now()));
        cases.put("request of an oversized subject", () -> requests.receive(RequestType.ACCESS, HUGE, Instant.now()));
        cases.put("request of a blank subject", () -> requests.receive(RequestType.ACCESS, "", Instant.now()));
        cases.put("request received in the future", () -> requests.receive(RequestType.ACCESS, "c1",
                Instant.now().plusSeconds(86_400 * 30)));
        cases.put("sweep batch of 0", () -> SweepOptions.defaults().withBatchSize(0));
        cases.put("sweep batch of -1", () -> SweepOptions.defaults().withBatchSize(-1));
        cases.put("sweep batch of 100001", () -> SweepOptions.defaults().withBatchSize(100_001));
    }

    /** The first numbered message id in the failure, else a description of what happened. */
    private static String outcome(Input input) {
        try {
            input.run();
            return "accepted";
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CustosException custos && NUMBERED.matcher(custos.messageId()).matches()) {
                    return custos.messageId() + " " + abbreviate(custos.getMessage());
                }
            }
            return "unnumbered " + abbreviate(String.valueOf(e));
        }
    }

    private static Map<String, Long> snapshot(TestDatabase db) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, ClientRows.count(db, "SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    @jakarta.persistence.Entity
    static class MalformedPeriod {
        @DataSubject(category = "client")
        String id;
        @RetentionAnchor(event = "last-session")
        LocalDate last;
        @PersonalData(category = DataCategory.IDENTITY, basis = LegalBasis.CONTRACT, retention = "P1X after last-session",
                purpose = "treatment")
        String name;
    }

    static class UnknownRule {
        @DataSubject(category = "client")
        String id;
        @PersonalData(category = DataCategory.IDENTITY, basis = LegalBasis.CONTRACT, retention = "policy:no-such-rule",
                purpose = "treatment")
        String name;
    }

    static class NoSubject {
        @RetentionAnchor(event = "last-session")
        LocalDate last;
        @PersonalData(category = DataCategory.IDENTITY, basis = LegalBasis.CONTRACT, retention = "P1Y after last-session",
                purpose = "treatment")
        String name;
    }

    static class TwoSubjects {
        @DataSubject(category = "client")
        String id;
        @DataSubject(category = "client")
        String other;
        @RetentionAnchor(event = "last-session")
        LocalDate last;
        @PersonalData(category = DataCategory.IDENTITY, basis = LegalBasis.CONTRACT, retention = "P1Y after last-session",
                purpose = "treatment")
        String name;
    }

    static class MissingAnchor {
        @DataSubject(category = "client")
        String id;
        @PersonalData(category = DataCategory.IDENTITY, basis = LegalBasis.CONTRACT, retention = "P1Y after last-visit",
                purpose = "treatment")
        String name;
    }

    static class InjectedRetention {
        @DataSubject(category = "client")
        String id;
        @PersonalData(category = DataCategory.IDENTITY, basis = LegalBasis.CONTRACT,
                retention = "P1Y after x'); DROP TABLE Client; --", purpose = "treatment")
        String name;
    }
}
