// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.annotation;

/** How a personal-data value is erased. */
public enum ErasureStrategy {
    /** Delete the whole row (applies to the entity: every personal field of it goes). */
    DELETE_ROW,
    /**
     * Set the column to SQL NULL. Not allowed on NOT NULL columns (in the mapping or the database) or on
     * {@code @NotNull}, {@code @NotEmpty} or {@code @NotBlank} fields: refused when the unit starts.
     */
    NULLIFY,
    /**
     * Replace the value with an anonymous one of the same type that satisfies the column's and the
     * field's constraints (unique where the column is unique, an e-mail shape under {@code @Email}, within
     * {@code @Size} and the column length, matching {@code @Pattern}), so that the row stays valid; where no
     * such text can be derived, {@link PersonalData#replacement()} gives it.
     */
    ANONYMIZE,
    /**
     * Replace the value with a keyed pseudonym; the key is held apart and destroyed with the subject's
     * erasure, after which the pseudonym can no longer be linked to the person. Shaped to the column's
     * constraints as ANONYMIZE's values are.
     */
    PSEUDONYMIZE,
    /** The value is stored encrypted under a per-subject key; erasure destroys the key. */
    CRYPTO_SHRED
}
