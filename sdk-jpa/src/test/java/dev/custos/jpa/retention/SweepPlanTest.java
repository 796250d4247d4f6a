// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosException;
import dev.custos.core.annotation.DeniedAccess;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.gdpr.DataCategory;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.gdpr.SpecialCategoryCondition;
import dev.custos.core.metadata.EntityModel;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.core.policy.PolicyRule;
import dev.custos.core.retention.RetentionSpec;
import dev.custos.jpa.EntityMapping;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the sweep plans its work: groups, refusals at creation, the JPQL and the anchor cutoff. No database. */
class SweepPlanTest {

    private static final ZoneId CPH = ZoneId.of("Europe/Copenhagen");

    private static PersonalDataAttribute attribute(String name, String retention, String anchor,
                                                   ErasureStrategy erasure) {
        PolicyRule rule = PolicyRule.inline(RetentionSpec.parse(retention, "T." + name), LegalBasis.CONTRACT,
                SpecialCategoryCondition.NONE, "T." + name);
        return new PersonalDataAttribute(name, String.class, DataCategory.IDENTITY, LegalBasis.CONTRACT,
                SpecialCategoryCondition.NONE, rule, anchor, List.of("p"), erasure, false, false, DeniedAccess.REFUSE,
                List.of());
    }

    private static List<SweepGroup> plan(PersonalDataAttribute... attributes) {
        EntityModel model = new EntityModel(Object.class, "T", "owner", "client", Map.of("x", "at"),
                List.of(attributes), Map.of());
        return SweepPlan.groups(List.of(new EntityMapping(model, "id", "owner")),
                (type, name) -> name.equals("at") ? LocalDate.class : String.class);
    }

    @Test
    void cryptoShredIsSweptInAGroupOfItsOwnWithoutAStatementForItsAttributes() {
        List<SweepGroup> groups = plan(attribute("a", "P1Y after x", "at", ErasureStrategy.CRYPTO_SHRED),
                attribute("b", "P1Y after x", "at", ErasureStrategy.NULLIFY));
        assertThat(groups).extracting(SweepGroup::strategies)
                .containsExactly(List.of(ErasureStrategy.CRYPTO_SHRED), List.of(ErasureStrategy.NULLIFY));
        assertThat(groups.get(0).scopes().get(0).eraseJpql()).isNull(); // the subject's data key is deleted instead
        assertThat(groups.get(0).subjectJpql()).contains("e.owner = :subject", "e.a IS NOT NULL");
    }

    @Test
    void deleteRowUnderSeveralRulesIsRefusedWhenTheSweeperIsCreated() {
        CustosException e = catchThrowableOfType(CustosException.class,
                () -> plan(attribute("a", "P1Y after x", "at", ErasureStrategy.DELETE_ROW),
                        attribute("b", "P5Y after x", "at", ErasureStrategy.NULLIFY)));
        assertThat(e.messageId()).isEqualTo("CUSTOS-04602");
    }

    @Test
    void attributesSharingRuleAnchorAndStrategyAreSweptTogether() {
        List<SweepGroup> groups = plan(attribute("a", "P1Y after x", "at", ErasureStrategy.NULLIFY),
                attribute("b", "P1Y after x", "at", ErasureStrategy.NULLIFY),
                attribute("c", "P2Y after x", "at", ErasureStrategy.NULLIFY));
        assertThat(groups).hasSize(2);
        SweepGroup first = groups.get(0);
        assertThat(first.selectJpql(true, true)).isEqualTo("SELECT e.id, e.owner, e.at FROM T e WHERE e.id > :last"
                + " AND e.at <= :cutoff AND (e.a IS NOT NULL OR e.b IS NOT NULL) ORDER BY e.id");
        assertThat(first.selectJpql(false, false)).isEqualTo("SELECT e.id, e.owner, e.at FROM T e"
                + " WHERE (e.a IS NOT NULL OR e.b IS NOT NULL) ORDER BY e.id");
        assertThat(first.scopes()).hasSize(1);
        assertThat(first.scopes().get(0).eraseJpql()).isEqualTo("UPDATE T e SET e.a = NULL, e.b = NULL WHERE e.id IN :ids");
        // the re-check before erasing: lock by id alone (Derby: no FOR UPDATE with ORDER BY), then re-read
        assertThat(first.lockJpql()).isEqualTo("SELECT e.id FROM T e WHERE e.id IN :ids");
        assertThat(first.rowsJpql()).isEqualTo("SELECT e.id, e.owner, e.at FROM T e WHERE e.id IN :ids"
                + " AND (e.a IS NOT NULL OR e.b IS NOT NULL)");
    }

    @Test
    void attributesDueTogetherWithDifferentStrategiesAreOneGroupSoARowIsErasedWhole() {
        List<SweepGroup> groups = plan(attribute("a", "P1Y after x", "at", ErasureStrategy.NULLIFY),
                attribute("b", "P1Y after x", "at", ErasureStrategy.ANONYMIZE),
                attribute("c", "P1Y after x", "at", ErasureStrategy.PSEUDONYMIZE));
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).strategies()).containsExactly(ErasureStrategy.NULLIFY, ErasureStrategy.ANONYMIZE,
                ErasureStrategy.PSEUDONYMIZE);
        assertThat(groups.get(0).valuesRead()).containsExactly("c");
        assertThat(groups.get(0).selectJpql(false, false)).contains("(e.a IS NOT NULL OR e.b IS NOT NULL OR e.c IS NOT NULL)");
    }

    /** The cutoff never leaves out a due row, and reads at most a day of rows that are not due yet. */
    @ParameterizedTest(name = "{0} on {1}: cutoff {2}")
    @CsvSource({
        "P1Y, 2025-03-16, 2024-03-17",
        "P1Y, 2025-02-28, 2024-03-01", // 29 February 2024 + 1 year is 28 February 2025: due on the 28th
        "P1M, 2025-02-28, 2025-02-01", // 29, 30 and 31 January + 1 month are all 28 February
        "P5Y, 2025-03-16, 2020-03-17",
        "P0D, 2025-03-16, 2025-03-17"
    })
    void theDateCutoffIsTheExactBoundaryPlusOneDay(String period, LocalDate today, LocalDate cutoff) {
        SweepGroup group = plan(attribute("a", period + " after x", "at", ErasureStrategy.NULLIFY)).get(0);
        Instant now = today.atTime(12, 0).atZone(CPH).toInstant();
        assertThat(group.cutoff(now, CPH)).isEqualTo(cutoff);
    }

    @Test
    void everyDueAnchorIsWithinTheCutoff() {
        for (String period : List.of("P1Y", "P1M", "P3M", "P5Y", "P12M", "P30D")) {
            SweepGroup group = plan(attribute("a", period + " after x", "at", ErasureStrategy.NULLIFY)).get(0);
            for (LocalDate today = LocalDate.of(2024, 1, 1); today.isBefore(LocalDate.of(2025, 1, 1));
                 today = today.plusDays(1)) {
                Instant now = today.atStartOfDay(CPH).toInstant();
                LocalDate cutoff = (LocalDate) group.cutoff(now, CPH);
                // the engine's rule for date anchors: due once the end of (anchor + period) has passed
                for (LocalDate anchor = today.minusYears(6); anchor.isBefore(today); anchor = anchor.plusDays(1)) {
                    boolean due = !anchor.plus(java.time.Period.parse(period)).plusDays(1).atStartOfDay(CPH)
                            .toInstant().isAfter(now);
                    if (due) {
                        assertThat(anchor).as("%s on %s", period, today).isBeforeOrEqualTo(cutoff);
                    }
                }
                assertThat(cutoff.minus(java.time.Period.parse(period))).isBeforeOrEqualTo(today.plusDays(4));
            }
        }
    }

    @Test
    void timeAnchorsAreComparedWithTheEndOfTheCutoffDay() {
        PersonalDataAttribute a = attribute("a", "P1Y after x", "at", ErasureStrategy.NULLIFY);
        EntityModel model = new EntityModel(Object.class, "T", "owner", "client", Map.of("x", "at"), List.of(a),
                Map.of());
        SweepGroup group = SweepPlan.groups(List.of(new EntityMapping(model, "id", "owner")),
                (type, name) -> name.equals("at") ? LocalDateTime.class : String.class).get(0);
        Instant now = LocalDate.of(2025, 3, 16).atTime(12, 0).atZone(CPH).toInstant();
        assertThat(group.cutoff(now, CPH)).isEqualTo(LocalDateTime.of(2024, 3, 18, 0, 0));
    }
}
