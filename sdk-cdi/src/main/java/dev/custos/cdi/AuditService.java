// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.ChainVerification;
import dev.custos.jpa.audit.AuditQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit trail for auditors, of the application's persistence unit: everything about one subject between
 * two instants, a subject's pseudonym, and verification of the hash chains (the audit trail's and the consent
 * ledger's). Each delegates to sdk-jpa's {@link AuditQueries}, which requires the auditor role
 * ({@code custos-auditor}, setting {@code custos.roles.auditor}); auditors may not change personal data (see the
 * read-only roles). Auditors can also query the {@code custos_audit_record} table with plain SQL; see
 * docs/auditor-guide.md.
 */
@ApplicationScoped
public class AuditService {

    /** The key of the consent ledger's result in {@link #verify()}. */
    public static final String LEDGER = AuditQueries.LEDGER;

    @Inject
    CustosUnits units;

    /**
     * The audit records about {@code subjectId} with {@code from <= occurredAt < to}, from both chains, by time.
     * Empty for a subject never audited, or erased (its pseudonym key is destroyed).
     */
    public List<AuditRecord> forSubject(@NotBlank String subjectId, @NotNull Instant from, @NotNull Instant to) {
        return new AuditQueries(units.runtime()).forSubject(subjectId, from, to);
    }

    /**
     * The pseudonym under which the audit trail, the consent ledger and the erasure log name {@code subjectId}
     * ({@code ps1:} and 32 hex digits), for the auditor's own SQL on any database. Empty for a subject Custos
     * never recorded, or erased (its pseudonym key is destroyed). On PostgreSQL the auditor guide's SQL computes
     * it too.
     */
    public Optional<String> pseudonymOf(@NotBlank String subjectId) {
        return new AuditQueries(units.runtime()).pseudonymOf(subjectId);
    }

    /**
     * Verifies both audit chains ({@code writes}, {@code reads}) and the consent ledger's chain ({@code ledger}) from
     * their first record; see {@link AuditQueries#verify()}.
     */
    public Map<String, ChainVerification> verify() {
        return new AuditQueries(units.runtime()).verify();
    }
}
