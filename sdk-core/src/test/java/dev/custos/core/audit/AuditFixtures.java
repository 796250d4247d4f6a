// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Deterministic events and chains for the audit tests. */
final class AuditFixtures {

    static final Instant START = Instant.parse("2025-03-01T08:15:30.123456789Z");

    private AuditFixtures() {
    }

    /** A varied but reproducible event; {@code i} picks the values. */
    static AuditEvent event(int i) {
        AuditAction[] actions = AuditAction.values();
        AuditOutcome[] outcomes = AuditOutcome.values();
        return new AuditEvent(START.plusSeconds(i).plusNanos(i * 1000L), "clerk-" + (i % 7), "ps1:" + String.format("%032x", i),
                actions[i % actions.length], i % 5 == 0 ? "" : "Customer", i % 5 == 0 ? "" : Integer.toString(1000 + i),
                i % 3 == 0 ? List.of() : List.of("email", "name"), "billing", "CONTRACT", outcomes[i % outcomes.length],
                i % 4 == 0 ? "CUSTOS-02001" : "");
    }

    /** An untouched chain of {@code size} records. */
    static List<AuditRecord> chain(int size) {
        AuditChain chain = AuditChain.genesis();
        List<AuditRecord> records = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            records.add(chain.append(event(i)));
        }
        return records;
    }

    /** The head of {@code records}, as the application would have stored it. */
    static Checkpoint head(List<AuditRecord> records) {
        AuditRecord last = records.get(records.size() - 1);
        return new Checkpoint(last.sequence(), last.hash());
    }

    /** The record with {@code sequence} in an untouched chain. */
    static AuditRecord at(List<AuditRecord> records, long sequence) {
        return records.get((int) sequence - 1);
    }

    /**
     * A forged record that passes every check on its own: correct sequence, link and recomputed hash. Only
     * the record after it, or a checkpoint, can expose it.
     */
    static AuditRecord forge(long sequence, String previousHash, int seed) {
        AuditEvent event = new AuditEvent(START, "intruder", "ps1:" + "f".repeat(32), AuditAction.ERASE, "Customer",
                Integer.toString(seed), List.of("email"), "", "", AuditOutcome.DONE, "");
        return new AuditRecord(sequence, event, previousHash, CanonicalEncoding.hash(previousHash, sequence, event));
    }
}
