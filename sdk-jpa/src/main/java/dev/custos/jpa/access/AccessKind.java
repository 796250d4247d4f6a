// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

/** What the caller does with an annotated entity, as access policies see it. */
public enum AccessKind {
    /** The entity was loaded (from the database or a shared cache). */
    READ,
    /** The entity is being inserted. */
    INSERT,
    /** The entity's personal data is being changed. */
    UPDATE,
    /** The entity is being deleted. */
    DELETE;

    /** Whether the access changes data. */
    public boolean writes() {
        return this != READ;
    }
}
