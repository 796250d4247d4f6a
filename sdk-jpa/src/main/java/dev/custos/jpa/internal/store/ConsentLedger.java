// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.jpa.consent.ImportedConsent;
import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.ChainVerification;
import dev.custos.core.audit.Checkpoint;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.consent.ConsentEventType;
import dev.custos.jpa.tx.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The consent ledger, {@code custos_consent_event}: every consent given, withdrawn or expired, in the order
 * recorded. The database refuses to change or remove a ledger row, so a withdrawal is a new event, never an
 * edit. Rows name the subject by pseudonym (see {@link SubjectKeys}), so the ledger keeps no subject id in
 * cleartext and becomes unreadable for a subject whose key was shredded.
 * <p>
 * The ledger is tamper-evident as the audit trail is (schema version 7): its rows form a hash chain made by
 * sdk-core's {@link dev.custos.core.audit.AuditChain}, each row hashed as the audit event it maps to (format
 * {@code custos-audit-v1}), with the chain's head in {@code custos_consent_head}. {@link #verify} names the first
 * event that was changed, removed, forged or moved, or the first one cut off the end. Rows written before version
 * 7 are chained when the first consent event after the upgrade is recorded.
 * <p>
 * Since schema version 9 an event carries its {@link dev.custos.core.consent.ConsentEvidence evidence} in the
 * columns {@code evidence_form}, {@code evidence_ref}, {@code evidence_date}, {@code age_band} and
 * {@code parental_auth_ref}, all NULL when none was recorded. The parental authorisation is stored as a keyed
 * pseudonym under the subject's key, never as given, and is read back as that pseudonym. Evidence is hashed into
 * the chain with the rest of the row; a row without evidence hashes as before version 9.
 * <p>
 * Instants are stored in UTC to the microsecond; finer digits are dropped.
 * <p>
 * <b>Transactions:</b> every method works on the caller's connection, inside the caller's transaction, so a
 * consent event commits or rolls back with the business change that caused it; no method commits, rolls back
 * or closes the connection. {@link #record} must run in a transaction: it write-locks the head row until the
 * caller commits, which orders consent events across threads and nodes.
 * <p>
 * <b>Thread safety:</b> thread-safe; share one instance per database. It remembers the chain's head it wrote
 * last, so that recording an event costs one statement besides the INSERT when no other instance wrote since.
 */
public final class ConsentLedger {

    /** What the parental authorisation's pseudonym is computed over, before the reference given. */
    private static final String PARENTAL_AUTHORISATION = "parental-authorisation:";

    private final SubjectKeys keys;
    private final Clock clock;
    private final Transactions transactions;
    private final LedgerChain chain;
    private final SubjectChanges changes = new SubjectChanges();

    /** A ledger that stamps {@code recorded_at} with the system clock. */
    public ConsentLedger(SubjectKeys keys) {
        this(keys, Clock.systemUTC());
    }

    /** A ledger that stamps {@code recorded_at} with {@code clock}. */
    public ConsentLedger(SubjectKeys keys, Clock clock) {
        this(keys, clock, Transactions.RESOURCE_LOCAL);
    }

    /**
     * As {@link #ConsentLedger(SubjectKeys, Clock)}, asking {@code transactions} whether a connection is in a
     * transaction before recording: a container-managed transaction is one although the driver may report
     * auto-commit.
     */
    public ConsentLedger(SubjectKeys keys, Clock clock, Transactions transactions) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.chain = new LedgerChain(clock);
    }

    /**
     * Appends {@code event} to the ledger, under the subject's pseudonym (creating the subject's key if needed).
     *
     * @param recordedBy who records it: the caller's principal or a system component
     */
    public void record(Connection connection, ConsentEvent event, String recordedBy) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(recordedBy, "recordedBy");
        String subjectRef = keys.pseudonym(connection, event.subjectId());
        Instant occurredAt = Jdbc.stored(event.at());
        Instant expiresAt = event.expiresAt().map(Jdbc::stored).orElse(null);
        Instant recordedAt = Jdbc.stored(clock.instant());
        // a subject recording their own consent (self-service) is named by pseudonym, as the audit trail names them
        String recorder = recordedBy.equals(event.subjectId()) ? subjectRef : recordedBy;
        // the holder of parental responsibility is kept as a pseudonym under the subject's key, never in clear
        String parentalRef = event.evidence().parentallyAuthorised() ? keys.pseudonymOf(connection,
                event.subjectId(), PARENTAL_AUTHORISATION + event.evidence().parentalAuthorisation()) : null;
        Evidence evidence = Evidence.of(event.evidence(), parentalRef);
        AuditEvent hashed = LedgerChain.event(subjectRef, event.purpose(), event.type().name(), occurredAt,
                event.noticeVersion(), expiresAt, recorder, recordedAt, evidence);
        Jdbc.run("Appending a consent event to custos_consent_event", () -> {
            if (!transactions.inTransaction(connection)) {
                throw new CustosException(StoreMessages.ledgerNeedsTransaction());
            }
            changes.record(connection, List.of(event.subjectId())); // before the head's lock, as every change
            AuditRecord record = chain.append(connection, hashed);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO custos_consent_event"
                    + " (subject_ref, purpose, event_type, occurred_at, notice_version, expires_at, recorded_by,"
                    + " recorded_at, chain_seq, previous_hash, record_hash, " + Evidence.COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, subjectRef);
                insert.setString(2, event.purpose());
                insert.setString(3, event.type().name());
                Jdbc.setInstant(insert, 4, occurredAt);
                Jdbc.setText(insert, 5, event.noticeVersion());
                Jdbc.setInstant(insert, 6, expiresAt);
                insert.setString(7, recorder);
                Jdbc.setInstant(insert, 8, recordedAt);
                insert.setLong(9, record.sequence());
                insert.setString(10, record.previousHash());
                insert.setString(11, record.hash());
                evidence.bind(insert, 12);
                return insert.executeUpdate();
            }
        });
    }

    /**
     * Records consents the application held before Custos as GIVEN events, each chained as every other event,
     * with {@code recorded_by} {@code import:<source>} (see {@link ImportedConsent#recordedBy()}) and the evidence's
     * date and notice version. A consent whose subject already has a GIVEN event for the same purpose at the same
     * instant under the same notice is skipped, so running an import again records nothing twice. Reads the
     * subjects' events in two queries per 500 subjects. In the caller's transaction, as {@link #record}.
     *
     * @return the consents recorded now, in the order given
     * @throws CustosException {@code CUSTOS-04218} for a consent dated after now; nothing is recorded then
     */
    public List<ImportedConsent> importGiven(Connection connection, List<ImportedConsent> consents) {
        Instant now = clock.instant();
        for (ImportedConsent consent : consents) {
            if (consent.givenAt().isAfter(now)) {
                throw new CustosException(StoreMessages.importFromTheFuture(consent.purpose(),
                        consent.givenAt().toString(), now.toString()));
            }
        }
        Map<String, List<ConsentEvent>> known = events(connection, consents.stream().map(ImportedConsent::subjectId)
                .distinct().toList());
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<ImportedConsent> recorded = new ArrayList<>();
        for (ImportedConsent consent : consents) {
            ConsentEvent event = consent.event();
            Instant at = Jdbc.stored(event.at());
            boolean present = known.getOrDefault(event.subjectId(), List.of()).stream().anyMatch(e ->
                    e.type() == ConsentEventType.GIVEN && e.purpose().equals(event.purpose()) && e.at().equals(at)
                            && e.noticeVersion().equals(event.noticeVersion()));
            if (present || !seen.add(event.subjectId() + "\u0000" + event.purpose() + "\u0000" + at + "\u0000"
                    + event.noticeVersion())) {
                continue;
            }
            record(connection, event, consent.recordedBy());
            recorded.add(consent);
        }
        return recorded;
    }

    /**
     * Chains the events written before schema version 7 now, instead of when the next event is recorded, and
     * returns the chain's head. {@link dev.custos.jpa.schema.CustosSchema#migrate} calls it after upgrading, on
     * the migrating account, which may update the ledger where the application's account may only insert. Does
     * nothing more once the ledger is chained. Needs a transaction, as {@link #record} does.
     */
    public Checkpoint chainEarlierEvents(Connection connection) {
        return Jdbc.run("Chaining the consent events in custos_consent_event", () -> {
            if (!transactions.inTransaction(connection)) {
                throw new CustosException(StoreMessages.ledgerNeedsTransaction());
            }
            return chain.lock(connection);
        });
    }

    /**
     * Verifies the ledger's hash chain, in ledger order, against its head row, reading events in pages of 500 so
     * memory stays constant. See {@link ChainVerification} for how to read the result: {@code firstBroken} is a
     * chain sequence ({@code custos_consent_event.chain_seq}). Besides the verifier's messages, a row that is not
     * chained makes the ledger broken at its place with {@code CUSTOS-04215}, and a row that cannot be read with
     * {@code CUSTOS-04214}. Works on a read-only connection.
     */
    public ChainVerification verify(Connection connection) {
        return Jdbc.run("Verifying the consent ledger's chain in custos_consent_event",
                () -> chain.verify(connection));
    }

    /**
     * The subject's consent events for every purpose, in ledger order, carrying {@code subjectId}. Empty when
     * the subject has no events or the subject's key was shredded. Feed them to
     * {@link dev.custos.core.consent.ConsentEvaluator}.
     */
    public List<ConsentEvent> events(Connection connection, String subjectId) {
        Optional<String> subjectRef = keys.existingPseudonym(connection, subjectId);
        if (subjectRef.isEmpty()) {
            return List.of();
        }
        return Jdbc.run("Reading consent events from custos_consent_event", () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT purpose, event_type, occurred_at,"
                    + " notice_version, expires_at, " + Evidence.COLUMNS + " FROM custos_consent_event"
                    + " WHERE subject_ref = ? ORDER BY event_seq")) {
                select.setString(1, subjectRef.get());
                List<ConsentEvent> events = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        events.add(event(rows, subjectId));
                    }
                }
                return events;
            }
        });
    }

    /**
     * The consent events of each of {@code subjectIds}, as {@link #events(Connection, String)} gives them, in two
     * queries per 500 subjects (keys, then events). Subjects without events are absent.
     */
    public Map<String, List<ConsentEvent>> events(Connection connection, Collection<String> subjectIds) {
        Map<String, String> refs = keys.existingPseudonyms(connection, subjectIds);
        Map<String, String> subjectsByRef = new HashMap<>();
        refs.forEach((subjectId, ref) -> subjectsByRef.put(ref, subjectId));
        List<String> ordered = List.copyOf(subjectsByRef.keySet());
        Map<String, List<ConsentEvent>> events = new HashMap<>();
        for (List<String> chunk : Jdbc.chunks(ordered)) {
            Jdbc.run("Reading consent events from custos_consent_event", () -> {
                String sql = "SELECT subject_ref, purpose, event_type, occurred_at, notice_version, expires_at, "
                        + Evidence.COLUMNS + " FROM "
                        + Jdbc.probing(connection, "custos_consent_event", "index=custos_consent_event_subject_ix")
                        + " WHERE subject_ref IN (" + Jdbc.marks(chunk.size())
                        + ") ORDER BY event_seq";
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            String subjectId = subjectsByRef.get(rows.getString("subject_ref"));
                            events.computeIfAbsent(subjectId, k -> new ArrayList<>()).add(event(rows, subjectId));
                        }
                    }
                    return null;
                }
            });
        }
        return events;
    }

    private static ConsentEvent event(ResultSet rows, String subjectId) throws java.sql.SQLException {
        return new ConsentEvent(subjectId, rows.getString("purpose"),
                ConsentEventType.valueOf(rows.getString("event_type")), Jdbc.getInstant(rows, "occurred_at"),
                Jdbc.getText(rows, "notice_version"), Jdbc.optionalInstant(rows, "expires_at"),
                Evidence.read(rows).toConsentEvidence());
    }
}
