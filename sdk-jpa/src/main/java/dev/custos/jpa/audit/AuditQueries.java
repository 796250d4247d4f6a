// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.audit;

import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.ChainVerification;
import dev.custos.jpa.internal.OwnTransaction;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.internal.StoreBackedAudit;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.EntityIdList;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.StoreMessages;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.tx.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The audit trail of one persistence unit, read-only, for auditors: everything about one subject between two
 * instants, a subject's pseudonym, and verification of the hash chains (the audit trail's two and the consent
 * ledger's). Every query requires the auditor role ({@link CustosRuntime#auditorRole()}) of the
 * {@link CustosRuntime#currentCaller() current caller}, and runs in a transaction of its own. Java SE code and
 * sdk-cdi's {@code AuditService} share it. Thread-safe.
 */
public final class AuditQueries {

    /** The key of the chain of writes (and of consent and request changes) in {@link #verify()}. */
    public static final String WRITES = "writes";
    /** The key of the chain of reads, which are audited in transactions of their own. */
    public static final String READS = "reads";
    /** The key of the consent ledger's chain in {@link #verify()}. */
    public static final String LEDGER = "ledger";

    /** The audit chains, by their key in {@link #verify()}. */
    private static final Map<String, Integer> CHAINS = Map.of(WRITES, StoreBackedAudit.WRITE_CHAIN,
            READS, StoreBackedAudit.READ_CHAIN);

    private final CustosRuntime runtime;
    private final SubjectKeys keys;

    public AuditQueries(CustosRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.keys = new SubjectKeys(runtime.clock());
    }

    /**
     * The audit records about {@code subjectId} with {@code from <= occurredAt < to}, from every chain, by time
     * and then sequence. Empty for a subject never audited, or erased (its pseudonym key is destroyed).
     *
     * @throws AccessRefusedException {@code CUSTOS-04261} for a caller without the auditor role
     * @throws CustosException        {@code CUSTOS-04262} when the database fails
     */
    public List<AuditRecord> forSubject(String subjectId, Instant from, Instant to) {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        runtime.requireAuditor("read the audit trail");
        return query(c -> {
            Optional<String> ref = keys.existingPseudonym(c, subjectId);
            if (ref.isEmpty()) {
                return List.of();
            }
            List<AuditRecord> records = new ArrayList<>();
            for (int chain : CHAINS.values()) {
                records.addAll(new AuditTrail(chain, runtime.clock()).forSubject(c, ref.get(), from, to));
            }
            records.sort(Comparator.comparing((AuditRecord r) -> r.event().occurredAt())
                    .thenComparingLong(AuditRecord::sequence));
            return records;
        });
    }

    /**
     * The pseudonym under which the audit trail, the consent ledger and the erasure log name {@code subjectId}
     * ({@code ps1:} and 32 hex digits), for the auditor's own SQL on any database. Empty for a subject Custos
     * never recorded, or erased (its pseudonym key is destroyed).
     *
     * @throws AccessRefusedException {@code CUSTOS-04261} for a caller without the auditor role
     * @throws CustosException        {@code CUSTOS-04262} when the database fails
     */
    public Optional<String> pseudonymOf(String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        runtime.requireAuditor("look up a pseudonym");
        return query(c -> keys.existingPseudonym(c, subjectId));
    }

    /**
     * Verifies the audit chains ({@value #WRITES}, {@value #READS}) and the consent ledger's chain
     * ({@value #LEDGER}) from their first record, each against its head row. Each result says where its chain
     * broke, if it did, with a numbered message ({@link ChainVerification#problem()}): a changed, removed, forged or
     * moved record, or a cut-off tail.
     *
     * @throws AccessRefusedException {@code CUSTOS-04261} for a caller without the auditor role
     * @throws CustosException        {@code CUSTOS-04262} when the database fails
     */
    public Map<String, ChainVerification> verify() {
        runtime.requireAuditor("verify the audit trail");
        Map<String, ChainVerification> verified = query(c -> {
            Map<String, ChainVerification> results = new TreeMap<>();
            for (Map.Entry<String, Integer> chain : CHAINS.entrySet()) {
                results.put(chain.getKey(), new AuditTrail(chain.getValue(), runtime.clock()).verify(c));
            }
            results.put(LEDGER, new ConsentLedger(keys, runtime.clock()).verify(c));
            return results;
        });
        runtime.metrics().chainsVerified(runtime.unitName(), runtime.clock().instant(),
                verified.values().stream().allMatch(ChainVerification::intact));
        return verified;
    }

    /**
     * The ids of the rows a record's {@code entity_id} names. A read record (chain {@value #READS}) written since
     * schema version 11 covers every row of one subject and entity that one query result returned, and lists their
     * ids separated by commas, a comma or backslash inside an id preceded by a backslash; every other record names
     * one row, and so does a read record written before. A record listing over 30,000 characters of ids is split
     * into several records.
     *
     * @param entityId the {@code entity_id} as stored, or as {@link AuditRecord#event()} has it
     */
    public static List<String> rowIds(String entityId) {
        return EntityIdList.ids(Objects.requireNonNull(entityId, "entityId"));
    }

    private <T> T query(Transactions.SqlWork<T> work) {
        return OwnTransaction.run(runtime, StoreMessages::auditQueryFailed, work);
    }
}
