// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pack's audit-identity rule: read from the test pack, dated in the pack's zone, shown in the reference. */
class AuditIdentityTest {

    private static final PolicyPack TEST = PolicyPacks.load("test");

    @Test
    void theTestPackKeepsTheAuditIdentityForTwoYearsWithItsCitation() {
        AuditIdentity rule = TEST.auditIdentity().orElseThrow();
        assertThat(rule.keptFor()).isEqualTo(Period.ofYears(2));
        assertThat(rule.citationLine()).isEqualTo("Journal Act (fictional) § 6");
        assertThat(rule.note()).isNotEmpty();
    }

    @Test
    void theShippedPacksRequireNoAuditIdentity() {
        // no statute requiring it could be cited with confidence, so erased subjects' keys go at once there
        for (String id : PolicyPacks.BUILT_IN) {
            assertThat(PolicyPacks.load(id).auditIdentity()).as(id).isEmpty();
        }
    }

    @Test
    void theKeyIsKeptUntilTheSameLocalTimeAfterThePeriodInThePacksZone() {
        AuditIdentity rule = TEST.auditIdentity().orElseThrow();
        // 13:00 in Copenhagen in winter time, two years on in summer time: still 13:00 local, 11:00 UTC
        assertThat(rule.keptUntil(Instant.parse("2025-03-28T12:00:00Z"), TEST.zone()))
                .isEqualTo(Instant.parse("2027-03-28T11:00:00Z"));
        // a leap day plus two years is the last day of February
        assertThat(rule.keptUntil(Instant.parse("2024-02-29T12:00:00Z"), TEST.zone()))
                .isEqualTo(Instant.parse("2026-02-28T12:00:00Z"));
    }

    @Test
    void theReferenceSaysHowLongEachPackKeepsTheAuditIdentity() {
        String md = PolicyReference.toMarkdown(List.of(TEST, PolicyPacks.load("dk")));
        assertThat(md).contains("- Audit identity after erasure: kept for `P2Y`, then the subject's pseudonym key is"
                + " destroyed — Journal Act (fictional) § 6")
                .contains("- Audit identity after erasure: none; the subject's pseudonym key is destroyed once an"
                        + " erasure leaves nothing of the subject");
    }
}
