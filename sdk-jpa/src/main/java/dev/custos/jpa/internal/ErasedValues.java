// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The values ANONYMIZE and PSEUDONYMIZE write for one attribute, within its {@link ColumnRules}: text that must
 * be unique, e-mail shaped, within a length or matching a pattern is built by its {@link ReplacementText}; a
 * unique text or UUID column gets a value per row, derived from the row's id (never the subject's), so that no
 * two rows share it. Other values are {@link Erasure#anonymous}'s fixed ones, and plain keyed pseudonyms.
 * Each derived text is checked against the rules before it is written: one that does not satisfy them fails the
 * erasure, which leaves the row as it was. Stateless and thread-safe.
 */
final class ErasedValues {

    /** The length of a plain pseudonym, {@code ps1:} and 32 hex digits. */
    static final int PSEUDONYM_LENGTH = 36;

    private static final String ANONYMOUS_TEXT = "anonymised";

    private ErasedValues() {
    }

    /** Whether the attribute's anonymous value differs per row: a unique text or UUID column. */
    static boolean perRow(Class<?> entity, String attribute, Class<?> type) {
        return (type == String.class || type == UUID.class)
                && ColumnRules.of(entity, attribute, type).unique().isPresent();
    }

    /**
     * The anonymous value of the attribute in the row {@code idText} of {@code entityName} (which only matters
     * where {@link #perRow} holds).
     */
    static Object anonymous(Class<?> entity, String entityName, String attribute, Class<?> type, String idText) {
        ColumnRules rules = ColumnRules.of(entity, attribute, type);
        boolean unique = rules.unique().isPresent();
        String rowKey = entityName + "\u0000" + idText;
        if (type == UUID.class && unique) {
            return UUID.nameUUIDFromBytes(rowKey.getBytes(StandardCharsets.UTF_8));
        }
        if (type != String.class || !rules.shaped(ANONYMOUS_TEXT.length())) {
            return Erasure.anonymous(type);
        }
        String value = text(entity, attribute, rules).apply(ReplacementText.digest(unique ? rowKey : ANONYMOUS_TEXT));
        return checked(entity, attribute, rules, value);
    }

    /**
     * The pseudonym PSEUDONYMIZE writes for {@code value} in the row {@code idText}: {@code keyed} of the value
     * (of the row's id and the value on a unique column, where equal values must not meet), shaped to the rules.
     */
    static String pseudonym(Class<?> entity, String attribute, String idText, String value,
                            UnaryOperator<String> keyed) {
        ColumnRules rules = ColumnRules.of(entity, attribute, String.class);
        boolean unique = rules.unique().isPresent();
        String pseudonym = keyed.apply(unique ? idText + "\u0000" + value : value);
        if (!rules.textShaped(PSEUDONYM_LENGTH)) {
            return pseudonym; // distinct per row on a unique column, as the row's id went into it
        }
        String shaped = text(entity, attribute, rules).apply(ReplacementText.digest(pseudonym));
        return checked(entity, attribute, rules, shaped);
    }

    private static ReplacementText text(Class<?> entity, String attribute, ColumnRules rules) {
        return rules.text().orElseThrow(() -> new CustosException(JpaMessages.noDerivableValue(
                entity.getName() + "." + attribute, rules.textConstraints())));
    }

    private static String checked(Class<?> entity, String attribute, ColumnRules rules, String value) {
        if (!ReplacementText.satisfies(value, rules)) {
            throw new CustosException(JpaMessages.derivedValueRefused(entity.getName() + "." + attribute,
                    rules.textConstraints()));
        }
        return value;
    }
}
