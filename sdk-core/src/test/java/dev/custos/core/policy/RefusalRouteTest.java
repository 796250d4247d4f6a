// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.Message;
import dev.custos.core.consent.ConsentStatus;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.gdpr.Processing;
import dev.custos.core.retention.ErasureDecision;
import dev.custos.core.retention.RecordState;
import dev.custos.core.retention.RetentionEngine;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, items 6 and 7: a rule's {@code <refusal>} names the key citations a refusal carries and the route left
 * to the subject, with the hold that starting it places.
 */
class RefusalRouteTest {

    private static final String HEAD = """
            <policy-pack xmlns="urn:custos:policy-pack:1" id="test" jurisdiction="DK" zone="Europe/Copenhagen">
              <name>Test pack</name>
              <source id="law" title="Records Act (fictional)"/>
              <source id="gdpr" title="GDPR"/>
            """;

    private static final String HOLD = """
              <hold-reason id="deletion-pending">
                <title>A deletion request awaits a decision</title>
                <cite source="law" ref="§ 9" verified="true"/>
              </hold-reason>
            """;

    private static String rule(String attributes, String refusal) {
        return "  <rule id=\"records\" basis=\"LEGAL_OBLIGATION\" retention=\"P5Y after last-entry\" " + attributes
                + ">\n    <title>Records</title>\n"
                + "    <cite source=\"law\" ref=\"§ 1\" verified=\"true\"/>\n"
                + "    <cite source=\"law\" ref=\"§ 2\" verified=\"true\"/>\n"
                + "    <cite source=\"gdpr\" ref=\"Art. 6(1)(c), Art. 17(3)(b)\" verified=\"true\"/>\n"
                + refusal + "  </rule>\n";
    }

    private static final String DUTY = "duty-to-keep=\"true\" exemption=\"LEGAL_OBLIGATION\"";

    private static final String REFUSAL = """
                <refusal>
                  <cite source="law" ref="§ 1" verified="true"/>
                  <cite source="gdpr" ref="Art. 17(3)(b)" verified="true"/>
                  <route hold="deletion-pending">
                    <text>Ask the authority for a decision to delete.</text>
                    <cite source="law" ref="§ 9" verified="false" note="Not checked."/>
                  </route>
                </refusal>
            """;

    private static PolicyPack read(String body) {
        String xml = HEAD + body + "</policy-pack>\n";
        return PolicyPacks.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml");
    }

    private static List<String> problems(String body) {
        CustosDefinitionException e = catchThrowableOfType(() -> read(body), CustosDefinitionException.class);
        assertThat(e).isNotNull();
        return e.problems().stream().map(Message::code).toList();
    }

    @Test
    void aRefusalCarriesItsKeyCitationsAndTheRoute() {
        PolicyRule rule = read(rule(DUTY, REFUSAL) + HOLD).rule("records").orElseThrow();

        assertThat(rule.citations()).hasSize(3);
        assertThat(rule.refusalCitationLine()).isEqualTo("Records Act (fictional) § 1; GDPR Art. 17(3)(b)");
        Route route = rule.route().orElseThrow();
        assertThat(route.text()).isEqualTo("Ask the authority for a decision to delete.");
        assertThat(route.holdReason()).isEqualTo("deletion-pending");
        assertThat(route.citationLine()).isEqualTo("Records Act (fictional) § 9 (unverified)");
        // an unverified route makes the rule unverified
        assertThat(rule.verified()).isFalse();
    }

    @Test
    void withoutARefusalElementARefusalCitesEverySourceAndNamesNoRoute() {
        PolicyRule rule = read(rule(DUTY, "") + HOLD).rule("records").orElseThrow();

        assertThat(rule.refusalCitations()).isEqualTo(rule.citations());
        assertThat(rule.route()).isEmpty();
        assertThat(rule.verified()).isTrue();
    }

    @Test
    void theEngineCitesTheKeyCitationsWhenADutyRefusesAnErasure() {
        PolicyPack pack = read(rule(DUTY, REFUSAL) + HOLD);
        RetentionEngine engine = new RetentionEngine(pack, Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"),
                ZoneOffset.UTC));
        ErasureDecision decision = engine.assessErasureRequest(pack.rule("records").orElseThrow(),
                Processing.of(LegalBasis.LEGAL_OBLIGATION),
                new RecordState(Optional.of(Instant.parse("2023-01-01T00:00:00Z")), ConsentStatus.unknown(),
                        List.of()));

        assertThat(decision.outcome()).isEqualTo(ErasureDecision.Outcome.KEEP);
        assertThat(decision.citation()).isEqualTo("Records Act (fictional) § 1; GDPR Art. 17(3)(b)");
        assertThat(decision.detail().text()).contains("Records Act (fictional) § 1; GDPR Art. 17(3)(b)")
                .doesNotContain("§ 2");
    }

    @Test
    void aRefusalOnARuleWithoutADutyIsReported() {
        assertThat(problems(rule("", REFUSAL) + HOLD)).containsExactly("CUSTOS-01311");
    }

    @Test
    void aRouteMustPlaceAHoldReasonOfThePack() {
        assertThat(problems(rule(DUTY, REFUSAL.replace("deletion-pending", "deletion-pendng")) + HOLD))
                .containsExactly("CUSTOS-01312");
    }

    @Test
    void aRouteNeedsTextAHoldAndACitationAndARefusalACitation() {
        String bare = """
                    <refusal>
                      <route>
                      </route>
                    </refusal>
                """;
        assertThat(problems(rule(DUTY, bare) + HOLD))
                .containsExactlyInAnyOrder("CUSTOS-01215", "CUSTOS-01206", "CUSTOS-01225", "CUSTOS-01215");
    }

    @Test
    void theShippedJournalRulesNameTheirRoutesAndFewCitations() {
        PolicyRule no = PolicyPacks.load("no").rule("journal").orElseThrow();
        assertThat(no.citations()).hasSizeGreaterThan(10);
        assertThat(no.refusalCitations()).extracting(Citation::reference)
                .containsExactly("§ 39", "§ 40", "section on purchases: journal", "Art. 17(3)(b)");
        assertThat(no.route().orElseThrow().text()).contains("helsepersonelloven § 43", "appeal");
        assertThat(no.route().orElseThrow().holdReason()).isEqualTo("deletion-request-pending");
        assertThat(no.route().orElseThrow().citationLine()).contains("§ 43").doesNotContain("unverified");

        PolicyPack dk = PolicyPacks.load("dk");
        PolicyRule journal = dk.rule("journal").orElseThrow();
        assertThat(journal.refusalCitations()).hasSize(4);
        Route route = journal.route().orElseThrow();
        assertThat(dk.holdReason(route.holdReason())).isPresent();
        // law-facts does not cover deleting Danish journal content: the route says it is unverified
        assertThat(route.citations()).anySatisfy(c -> {
            assertThat(c.verified()).isFalse();
            assertThat(c.note()).isNotEmpty();
        });
        assertThat(dk.rule("bookkeeping").orElseThrow().route()).isEmpty();
    }
}
