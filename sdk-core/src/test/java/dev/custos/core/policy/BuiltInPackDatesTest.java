// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.consent.ConsentStatus;
import dev.custos.core.retention.AnchorValues;
import dev.custos.core.retention.RecordState;
import dev.custos.core.retention.RetentionDecision.Status;
import dev.custos.core.retention.RetentionEngine;
import dev.custos.core.retention.RetentionSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins every rule of the shipped packs to dates: a change of period, clock, time zone or fiscal year shows
 * up here as a different last day kept. The anchor is a date-only value (the end of its day); the last day
 * kept is the last local day in the pack's zone on which the record must still exist; on the next day the
 * sweep erases it (DUE) or lists it for a person to decide (REVIEW). "consent" marks rules kept until
 * consent is withdrawn, which have no date of their own.
 */
class BuiltInPackDatesTest {

    static final String TABLE = """
            # pack, rule,                   anchor date, last day kept, then
            gdpr,   newsletter,             2020-03-15,  consent,       DUE
            gdpr,   explicit-consent,       2020-03-15,  consent,       DUE
            dk,     journal,                2020-03-15,  2025-03-15,    DUE
            dk,     journal,                2020-02-29,  2025-02-28,    DUE
            dk,     partner-information,    2020-03-15,  2025-03-15,    DUE
            dk,     handwritten-notes,      2020-03-15,  2020-03-15,    DUE
            dk,     course-questionnaires,  2020-03-15,  2020-03-15,    DUE
            dk,     gp-disclosure-consent,  2020-03-15,  2025-03-15,    DUE
            dk,     bookkeeping,            2020-03-15,  2025-12-31,    DUE
            dk,     bookkeeping,            2020-12-31,  2025-12-31,    DUE
            dk,     bookkeeping,            2021-01-01,  2026-12-31,    DUE
            dk,     contact-inquiry,        2020-03-15,  2021-03-15,    DUE
            dk,     newsletter,             2020-03-15,  consent,       DUE
            dk,     event-participation,    2020-03-15,  2020-06-15,    DUE
            dk,     event-participation,    2020-11-30,  2021-02-28,    DUE
            dk,     consulting-customer,    2020-03-15,  2021-03-15,    DUE
            dk,     website-statistics,     2020-03-15,  2020-03-15,    DUE
            dk,     job-applicant,          2020-03-15,  2020-09-15,    DUE
            no,     journal,                2020-03-15,  2030-03-15,    REVIEW
            no,     bookkeeping,            2020-03-15,  2025-12-31,    DUE
            no,     bookkeeping-secondary,  2020-03-15,  2024-06-30,    DUE
            no,     inquiry,                2020-03-15,  2022-03-15,    REVIEW
            no,     video-chat,             2020-03-15,  2020-03-15,    DUE
            no,     session-recording,      2020-03-15,  consent,       DUE
            no,     job-applicant,          2020-03-15,  2020-03-15,    DUE
            no,     applicant-pool,         2020-03-15,  consent,       DUE
            no,     contractor,             2020-03-15,  2020-03-15,    DUE
            no,     partner-contact,        2020-03-15,  2025-03-15,    DUE
            no,     newsletter,             2020-03-15,  consent,       DUE
            no,     newsletter-analytics,   2020-03-15,  2021-01-30,    DUE
            no,     newsletter-analytics,   2020-01-30,  2020-01-30,    DUE
            no,     newsletter-analytics,   2020-01-31,  2021-01-30,    DUE
            no,     website-comment,        2020-03-15,  2022-03-15,    REVIEW
            """;

    private static final Map<String, PolicyPack> PACKS =
            PolicyPacks.BUILT_IN.stream().collect(Collectors.toMap(id -> id, PolicyPacks::load));

    @ParameterizedTest(name = "{0} {1}: anchor {2}, kept through {3}, then {4}")
    @CsvSource(textBlock = TABLE)
    void everyRuleKeepsDataThroughItsLastDay(String packId, String ruleId, LocalDate anchorDate, String lastDayKept,
                                             Status then) {
        PolicyPack pack = PACKS.get(packId);
        PolicyRule rule = pack.rule(ruleId).orElseThrow(() -> new AssertionError(packId + " has no rule " + ruleId));
        Instant anchor = AnchorValues.toInstant(anchorDate, pack.zone()).orElseThrow();
        RecordState record = RecordState.anchoredAt(anchor);
        assertThat(then).as("the status after the last day follows on-due")
                .isEqualTo(rule.onDue() == DueAction.REVIEW ? Status.REVIEW : Status.DUE);

        if (lastDayKept.equals("consent")) {
            assertThat(rule.retention().kind()).isEqualTo(RetentionSpec.Kind.UNTIL_CONSENT_WITHDRAWN);
            // while consent lasts there is no last day, however late it is
            RecordState consenting = record.withConsent(ConsentStatus.active());
            Instant muchLater = LocalDate.of(2100, 1, 1).atStartOfDay(pack.zone()).toInstant();
            assertThat(engine(pack, muchLater).retainedThrough(rule, consenting)).isEmpty();
            assertThat(engine(pack, muchLater).decide(rule, consenting).status()).isEqualTo(Status.RETAINED);
            // from the instant of withdrawal the data is due
            Instant withdrawn = anchorDate.plusDays(10).atTime(14, 30).atZone(pack.zone()).toInstant();
            RecordState ended = record.withConsent(ConsentStatus.endedAt(withdrawn));
            assertThat(engine(pack, withdrawn).retainedThrough(rule, ended)).contains(anchorDate.plusDays(10));
            assertThat(engine(pack, withdrawn.minusNanos(1)).decide(rule, ended).status()).isEqualTo(Status.RETAINED);
            assertThat(engine(pack, withdrawn).decide(rule, ended).status()).isEqualTo(then);
            return;
        }

        LocalDate last = LocalDate.parse(lastDayKept);
        assertThat(engine(pack, anchor).retainedThrough(rule, record)).as("last day kept").contains(last);
        Instant lastDayNoon = last.atTime(12, 0).atZone(pack.zone()).toInstant();
        assertThat(engine(pack, lastDayNoon).decide(rule, record).status())
                .as("on the last day kept").isEqualTo(Status.RETAINED);
        Instant lastDayEnds = last.plusDays(1).atStartOfDay(pack.zone()).toInstant();
        assertThat(engine(pack, lastDayEnds).decide(rule, record).status())
                .as("at the start of the day after").isEqualTo(then);
        Instant dayAfterNoon = last.plusDays(1).atTime(12, 0).atZone(pack.zone()).toInstant();
        assertThat(engine(pack, dayAfterNoon).decide(rule, record).status())
                .as("during the day after").isEqualTo(then);
    }

    @Test
    void theTableCoversEveryRuleOfEveryShippedPack() {
        Set<String> pinned = new TreeSet<>();
        for (String line : TABLE.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            List<String> cells = Arrays.stream(line.split(",")).map(String::strip).toList();
            pinned.add(cells.get(0) + " " + cells.get(1));
        }
        Set<String> rules = new TreeSet<>();
        for (String packId : PolicyPacks.BUILT_IN) {
            PACKS.get(packId).rules().keySet().forEach(ruleId -> rules.add(packId + " " + ruleId));
        }
        assertThat(pinned).as("rules pinned to dates").isEqualTo(rules);
    }

    private static RetentionEngine engine(PolicyPack pack, Instant now) {
        return new RetentionEngine(pack, Clock.fixed(now, pack.zone()));
    }
}
