// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.audit.AuditEvent;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.jpa.CustosMetrics;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.RestrictionStore;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.tx.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Connects the access guard and the write audit to the SDK's tables. Reads are audited on a chain of
 * their own in a short transaction of their own: a read happened whether or not the caller's transaction
 * commits, and a separate chain never waits for the head lock a writing transaction holds. Writes are
 * audited on the write chain, on the writing transaction's connection. Thread-safe.
 */
public final class StoreBackedAudit {

    /** The chain of write audits, appended in the writing transaction. */
    public static final int WRITE_CHAIN = 1;
    /** The chain of read audits (reads, refusals, maskings), appended in transactions of their own. */
    public static final int READ_CHAIN = 2;

    private final DataSource dataSource;
    private final SubjectKeys keys;
    private final ConsentLedger ledger;
    private final AuditTrail writes;
    private final AuditTrail reads;
    private final Transactions transactions;
    private final RestrictionStore restrictions = new RestrictionStore();
    private final PseudonymCache writtenSubjects;
    private final CustosMetrics metrics;
    private final String unit;

    public StoreBackedAudit(DataSource dataSource, Clock clock, Transactions transactions) {
        this(dataSource, clock, transactions, CustosMetrics.NONE, "");
    }

    /** As the plain constructor, telling {@code metrics} of every append, as unit {@code unit}'s. */
    public StoreBackedAudit(DataSource dataSource, Clock clock, Transactions transactions, CustosMetrics metrics,
                            String unit) {
        this.metrics = metrics;
        this.unit = unit;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.keys = new SubjectKeys(clock);
        this.writtenSubjects = new PseudonymCache(keys, DecisionCache.CAPACITY);
        this.ledger = new ConsentLedger(keys, clock, transactions);
        this.writes = new AuditTrail(WRITE_CHAIN, clock, transactions);
        this.reads = new AuditTrail(READ_CHAIN, clock, transactions).keepingItsHead();
    }

    /** The subjects' consent events, read on a connection of their own. */
    public ConsentLookup consentLookup() {
        return new ConsentLookup() {
            @Override
            public List<ConsentEvent> events(String subjectId) throws SQLException {
                try (Connection connection = dataSource.getConnection()) {
                    return ledger.events(connection, subjectId);
                }
            }

            @Override
            public Map<String, List<ConsentEvent>> eventsOf(Collection<String> subjectIds) throws SQLException {
                try (Connection connection = dataSource.getConnection()) {
                    return ledger.events(connection, subjectIds);
                }
            }
        };
    }

    /**
     * Whether a restriction placed by a data-subject request is in force for a subject, read on a connection of
     * its own from {@code custos_restriction} (schema version 3); for many subjects, one query per 500.
     */
    public RestrictionLookup restrictionLookup() {
        return new RestrictionLookup() {
            @Override
            public boolean restricted(String subjectId) throws SQLException {
                return !restrictedAmong(List.of(subjectId)).isEmpty();
            }

            @Override
            public Set<String> restrictedAmong(Collection<String> subjectIds) throws SQLException {
                try (Connection connection = dataSource.getConnection()) {
                    return restrictions.restrictedAmong(connection, subjectIds);
                }
            }
        };
    }

    /**
     * Appends read audits to the read chain with one append (one head move, COPY or JDBC batches) however many
     * there are, committed before it returns: on PostgreSQL a small result's records commit with the auto-committed
     * statement that moves the head ({@link AuditTrail#appendCommitted}), others in a transaction of their own. A
     * query result's reads cost one commit, and one record per subject and entity listing the rows read
     * ({@link ResultRecords}). Their subjects' pseudonyms come from those this node kept, current as of the last
     * check of {@code checkedByReads}, which every read's decision runs before its audit is appended; only subjects
     * not kept or changed are looked up. A pseudonym whose key another node destroys after that check names a read
     * decided before it.
     */
    public AuditWriter readAudit(SubjectChangeView checkedByReads) {
        PseudonymCache readSubjects = new PseudonymCache(keys, checkedByReads, DecisionCache.CAPACITY);
        return audits -> OwnTransaction.onOwnConnection(transactions, dataSource,
                cause -> JpaMessages.auditFailed("a read", cause), connection -> {
                    Map<String, String> refs = readSubjects.pseudonymsAsLastChecked(connection,
                            audits.stream().map(PendingAudit::subjectId).toList(), this::committedPseudonym);
                    List<AuditEvent> records = ResultRecords.ofReads(audits,
                            completed(audits, refs, this::committedPseudonym));
                    reads.appendCommitted(connection, records);
                    metrics.auditAppended(unit, "reads", records.size());
                    return null;
                });
    }

    /**
     * Appends write audits with one append to the write chain (one head lock, COPY or JDBC batches), on the writing
     * transaction's connection. Their subjects' pseudonyms come from those this node kept, checked by one query of
     * {@code custos_subject_change} ({@link PseudonymCache}); only subjects not kept or changed are looked up.
     */
    public TransactionalAuditWriter writeAudit() {
        return (connection, audits) -> {
            Map<String, String> refs = writtenSubjects.pseudonyms(connection,
                    audits.stream().map(PendingAudit::subjectId).toList(), this::committedPseudonym);
            Map<String, String> known = completed(audits, refs, this::committedPseudonym);
            writes.appendAll(connection, audits.stream().map(a -> a.event().apply(known.get(a.subjectId()))).toList());
            metrics.auditAppended(unit, "writes", audits.size());
        };
    }

    /** {@code refs}, the pseudonyms known, with those of the other subjects of {@code audits} from {@code missing}. */
    private static Map<String, String> completed(List<PendingAudit> audits, Map<String, String> refs,
                                                 PseudonymCache.NewPseudonym missing) throws SQLException {
        for (PendingAudit audit : audits) {
            if (refs.get(audit.subjectId()) == null) {
                refs.put(audit.subjectId(), missing.of(audit.subjectId()));
            }
        }
        return refs;
    }

    /**
     * The subject's pseudonym, creating its key in a short transaction of its own. A key created inside the
     * caller's transaction would stay uncommitted until it ends, and the read audit, on its own connection,
     * would wait for it: for ever on PostgreSQL, where the wait is invisible to deadlock detection. A key left
     * behind by a transaction that rolls back is harmless: it names nobody by itself.
     */
    private String committedPseudonym(String subjectId) throws SQLException {
        return transactions.inOwnTransaction(dataSource, connection -> keys.pseudonym(connection, subjectId));
    }
}
