// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.gdpr.DataCategory;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

/** The rules read from a mapping and Bean Validation, and the text derived to satisfy them. */
class ReplacementTextTest {

    @SuppressWarnings("unused")
    static class Holder {
        @Email
        @Size(max = 20)
        String shortEmail;

        @Pattern(regexp = "[0-9]{4}")
        @Column(unique = true)
        String uniquePin;

        @Pattern(regexp = "[A-Z]{2}-[0-9]{6}")
        String reference;

        @PersonalData(category = DataCategory.CONTACT, basis = LegalBasis.CONTRACT, retention = "P1Y",
                erasure = ErasureStrategy.ANONYMIZE, replacement = "XX-{token}")
        @Pattern(regexp = "[A-Z]{2}-[0-9]{6}")
        String referenceWithReplacement;

        @NotBlank
        @Column(name = "LEGAL_NAME", length = 6, unique = true)
        String name;

        @Pattern.List({@Pattern(regexp = "[a-z0-9-]+"), @Pattern(regexp = "anon-.*")})
        String repeated;

        int count;
    }

    private static ColumnRules rules(String attribute) {
        return ColumnRules.of(Holder.class, attribute, attribute.equals("count") ? int.class : String.class);
    }

    @Test
    void anEmailWithinItsSizeEndsInTheReservedInvalidDomain() {
        ColumnRules rules = rules("shortEmail");
        assertThat(rules.email()).isTrue();
        assertThat(rules.maxLength()).isEqualTo(20);
        String text = rules.text().orElseThrow().apply(ReplacementText.digest("row 1"));
        assertThat(text).endsWith("@erased.invalid").hasSizeLessThanOrEqualTo(20);
        assertThat(ReplacementText.satisfies(text, rules)).isTrue();
    }

    @Test
    void aUniqueColumnTooNarrowForDistinctTokensHasNoText() {
        assertThat(rules("uniquePin").unique()).contains("@Column(unique = true)");
        assertThat(rules("uniquePin").text()).isEmpty();
    }

    @Test
    void aPatternNoCandidateMatchesNeedsAReplacement() {
        assertThat(rules("reference").text()).isEmpty();
        String text = rules("referenceWithReplacement").text().orElseThrow().apply(ReplacementText.digest("x"));
        assertThat(text).matches("XX-[0-9]{6}");
    }

    @Test
    void notBlankForbidsNullAndEmptyTextAndTheColumnNameAndLengthComeFromTheMapping() {
        ColumnRules rules = rules("name");
        assertThat(rules.notNull()).contains("@NotBlank");
        assertThat(rules.minLength()).isEqualTo(1);
        assertThat(rules.column()).isEqualTo("LEGAL_NAME");
        assertThat(rules.maxLength()).isEqualTo(6);
        assertThat(rules.text()).isEmpty(); // six characters carry too few bits to be distinct per row
    }

    @Test
    void repeatedPatternsAllApplyAndPrimitivesForbidNull() {
        ColumnRules rules = rules("repeated");
        assertThat(rules.patterns()).hasSize(2);
        assertThat(rules.text().orElseThrow().apply(ReplacementText.digest("y"))).matches("anon-[a-z0-9]+");
        assertThat(rules("count").notNull()).isPresent();
    }

    @Test
    void theSameDigestGivesTheSameTextAndAnotherDigestAnother() {
        ReplacementText text = rules("repeated").text().orElseThrow();
        assertThat(text.apply(ReplacementText.digest("Customer\u00001")))
                .isEqualTo(text.apply(ReplacementText.digest("Customer\u00001")))
                .isNotEqualTo(text.apply(ReplacementText.digest("Customer\u00002")));
    }
}
