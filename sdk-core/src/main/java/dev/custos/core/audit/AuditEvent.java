// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import dev.custos.core.CustosException;
import java.time.Instant;
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Something that happened to personal data, before {@link AuditChain#append(AuditEvent)} gives it a place in
 * the chain. Text components are never {@code null}; those documented as optional are empty when they do not
 * apply, so "empty" and "absent" are the same thing and hash the same way. Instances are immutable and
 * thread-safe.
 * <p>
 * An audit trail outlives the data it describes, so an event must never carry personal data in cleartext:
 * the subject is a pseudonym (see {@link SubjectPseudonyms}), and {@code detail} is a reason or a message id.
 *
 * @param occurredAt when it happened
 * @param actor      who did it: the caller's principal name or a system component
 * @param subjectRef the data subject, as a pseudonym from {@link SubjectPseudonyms}, never in cleartext; empty
 *                   when the event concerns no single subject
 * @param action     what was done
 * @param entity     the entity name, for example {@code Customer}; may be empty
 * @param entityId   the entity's id; may be empty
 * @param fields     the fields involved; stored sorted and without duplicates, so the order callers list them
 *                   in does not change the hash
 * @param purpose    the processing purpose; may be empty
 * @param basis      the legal basis, for example {@code CONSENT}; may be empty
 * @param outcome    how it ended
 * @param detail     a reason or message id, never personal data; may be empty
 */
public record AuditEvent(Instant occurredAt, String actor, String subjectRef, AuditAction action, String entity,
                         String entityId, List<String> fields, String purpose, String basis, AuditOutcome outcome,
                         String detail) {

    /**
     * @throws NullPointerException if a component or a field name is {@code null}
     * @throws CustosException      if a text holds an unpaired surrogate, which UTF-8 cannot encode: two such
     *                              texts could hash alike, so they are refused here rather than let through
     */
    public AuditEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        // Databases keep microseconds at best; hashing finer digits would break verification on read-back.
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        if (subjectRef != null && !subjectRef.isEmpty() && !SubjectPseudonyms.isPseudonym(subjectRef)) {
            // the chain is kept forever and must never identify a person by itself
            throw new CustosException(AuditMessages.subjectRefNotPseudonym());
        }
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        checkText("actor", actor);
        checkText("subjectRef", subjectRef);
        checkText("entity", entity);
        checkText("entityId", entityId);
        checkText("purpose", purpose);
        checkText("basis", basis);
        checkText("detail", detail);
        Objects.requireNonNull(fields, "fields");
        // Callers mostly pass one entity's attribute list, sorted already: copied as it is (List.copyOf keeps an
        // unmodifiable list and rejects null elements); anything else is sorted and cleared of duplicates.
        fields = sortedAndDistinct(fields) ? List.copyOf(fields) : List.copyOf(new TreeSet<>(fields));
        for (String field : fields) {
            checkText("fields", field);
        }
    }

    private static boolean sortedAndDistinct(List<String> fields) {
        String previous = null;
        for (String field : fields) {
            if (field == null || previous != null && previous.compareTo(field) >= 0) {
                return false; // null: the TreeSet refuses it
            }
            previous = field;
        }
        return true;
    }

    private static void checkText(String component, String value) {
        Objects.requireNonNull(value, component);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pairStart = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pairStart) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new CustosException(AuditMessages.unpairedSurrogate(component));
            }
        }
    }
}
