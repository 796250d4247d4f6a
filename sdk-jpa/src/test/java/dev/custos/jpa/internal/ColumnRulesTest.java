// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.annotation.PersonalData;
import dev.custos.core.gdpr.DataCategory;
import dev.custos.core.gdpr.LegalBasis;
import jakarta.persistence.Column;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

/** The column and Bean Validation rules are read from the attribute's field and getter, on every class above it. */
class ColumnRulesTest {

    static class Person {
        @NotNull
        String name;
    }

    static class Member extends Person {
        @Column(length = 80)
        @PersonalData(category = DataCategory.CONTACT, basis = LegalBasis.CONTRACT, retention = "P1Y")
        String email;

        @Email
        @Size(min = 6)
        public String getEmail() {
            return email;
        }

        @Size(max = 20)
        public String getName() {
            return name;
        }

        public String getNickname() {
            return "";
        }

        /** Not a getter: takes an argument. */
        @NotNull
        public String getEmail(int index) {
            return email;
        }
    }

    @Test
    void rulesOfTheFieldAndTheGetterAreCombined() {
        ColumnRules rules = ColumnRules.of(Member.class, "email", String.class);

        assertThat(rules.maxLength()).isEqualTo(80);
        assertThat(rules.minLength()).isEqualTo(6);
        assertThat(rules.email()).isTrue();
        assertThat(rules.notNull()).isEmpty();
        assertThat(ColumnRules.annotation(Member.class, "email", PersonalData.class)).isNotNull();
    }

    @Test
    void aSuperclassFieldCountsWithTheSubclassGetter() {
        ColumnRules rules = ColumnRules.of(Member.class, "name", String.class);

        assertThat(rules.notNull()).contains("@NotNull");
        assertThat(rules.maxLength()).isEqualTo(20);
        assertThat(rules.text()).isPresent(); // shaped by its length: a value is derived
    }

    @Test
    void aPlainColumnNeedsNoDerivedValue() {
        ColumnRules rules = ColumnRules.of(Member.class, "nickname", String.class);

        assertThat(rules.notNull()).isEmpty();
        assertThat(rules.shaped(ErasedValues.PSEUDONYM_LENGTH)).isFalse();
        assertThat(rules.text()).isEmpty();
    }
}
