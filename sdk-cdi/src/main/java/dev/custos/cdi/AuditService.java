// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import dev.custos.cdi.internal.CdiMessages;
import dev.custos.cdi.internal.CustosConfig;
import dev.custos.cdi.internal.ReadOnlyRolesPolicy;
import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.ChainVerification;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.internal.SanitizedCause;
import dev.custos.jpa.internal.StoreBackedAudit;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.SubjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit trail for auditors, of the application's persistence unit: everything about one subject between
 * two instants, a subject's pseudonym, and verification of the hash chains (the audit trail's and the consent ledger's). Both require
 * the auditor role ({@code custos-auditor}, setting {@code custos.roles.auditor}); auditors may not change
 * personal data (see the read-only roles).
 * Auditors can also query the {@code custos_audit_record} table with plain SQL; see docs/auditor-guide.md.
 */
@ApplicationScoped
public class AuditService {

    /** The chains, by id: writes in the writing transaction, reads in their own. */
    private static final Map<Integer, String> CHAINS = Map.of(StoreBackedAudit.WRITE_CHAIN, "writes",
            StoreBackedAudit.READ_CHAIN, "reads");

    /** The key of the consent ledger's result in {@link #verify()}. */
    public static final String LEDGER = "ledger";

    @Inject
    CustosUnits units;

    /**
     * The audit records about {@code subjectId} with {@code from <= occurredAt < to}, from both chains, by time.
     * Empty for a subject never audited, or erased (its pseudonym key is destroyed).
     */
    public List<AuditRecord> forSubject(@NotBlank String subjectId, @NotNull Instant from, @NotNull Instant to) {
        CustosRuntime runtime = units.runtime();
        requireAuditor(runtime, "read the audit trail");
        return query(runtime, c -> {
            Optional<String> ref = new SubjectKeys(runtime.clock()).existingPseudonym(c, subjectId);
            if (ref.isEmpty()) {
                return List.of();
            }
            List<AuditRecord> records = new ArrayList<>();
            for (int chain : CHAINS.keySet()) {
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
     * never recorded, or erased (its pseudonym key is destroyed). On PostgreSQL the auditor guide's SQL computes
     * it too.
     */
    public Optional<String> pseudonymOf(@NotBlank String subjectId) {
        CustosRuntime runtime = units.runtime();
        requireAuditor(runtime, "look up a pseudonym");
        return query(runtime, c -> new SubjectKeys(runtime.clock()).existingPseudonym(c, subjectId));
    }

    /**
     * Verifies both audit chains ({@code writes}, {@code reads}) and the consent ledger's chain ({@code ledger}) from
     * their first record, each against its head row. Each result says where its chain broke, if it did, with a
     * numbered message ({@link ChainVerification#problem()}): a changed, removed, forged or moved record, or a
     * cut-off tail.
     */
    public Map<String, ChainVerification> verify() {
        CustosRuntime runtime = units.runtime();
        requireAuditor(runtime, "verify the audit trail");
        return query(runtime, c -> {
            Map<String, ChainVerification> results = new java.util.TreeMap<>();
            for (Map.Entry<Integer, String> chain : CHAINS.entrySet()) {
                results.put(chain.getValue(), new AuditTrail(chain.getKey(), runtime.clock()).verify(c));
            }
            results.put(LEDGER, new ConsentLedger(new SubjectKeys(runtime.clock()), runtime.clock()).verify(c));
            return results;
        });
    }

    private static void requireAuditor(CustosRuntime runtime, String operation) {
        String role = CustosConfig.current().string(CustosConfig.AUDITOR_ROLE).orElse(ReadOnlyRolesPolicy.AUDITOR);
        Caller caller = runtime.currentCaller();
        if (!caller.system() && !caller.inRole(role)) {
            throw new AccessRefusedException(CdiMessages.roleRequired(caller.name(), operation, role), List.of(
                    CdiMessages.roleRequired(caller.name(), operation, role)));
        }
    }

    private static <T> T query(CustosRuntime runtime, dev.custos.jpa.tx.Transactions.SqlWork<T> work) {
        try {
            return runtime.transactions().inOwnTransaction(runtime.dataSource(), work);
        } catch (SQLException e) {
            throw new CustosException(CdiMessages.storeFailed("audit trail", SanitizedCause.describe(e)), e);
        }
    }
}
