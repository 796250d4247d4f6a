// SPDX-License-Identifier: Apache-2.0
package dev.custos.verifier;

import dev.custos.core.Message;
import dev.custos.core.audit.AuditChainVerifier;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.ChainVerification;
import dev.custos.core.audit.Checkpoint;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Verifies one chain: sdk-core's {@link AuditChainVerifier} over its rows, against its head row when there is one,
 * and, with public keys, against every checkpoint they accept. The head row can be rewritten along with the chain;
 * a signed checkpoint cannot, so it is what finds a chain cut short or rewritten with recomputed hashes. Not
 * thread-safe: one instance per chain.
 */
final class ChainCheck implements Iterator<AuditRecord> {

    private final String chain;
    private final Iterator<AuditRecord> rows;
    private final TreeMap<Long, SignedHeads.Stored> signed = new TreeMap<>();
    private long returned;
    private AuditRecord last;
    private long lastMatched; // the newest signed checkpoint the rows matched so far
    private SignedHeads.Stored differs;

    private final Checkpoint trusted;

    private ChainCheck(String chain, Iterator<AuditRecord> rows, Checkpoint trusted) {
        this.chain = chain;
        this.rows = rows;
        this.trusted = trusted;
    }

    /** As {@link #run(String, Iterator, Optional, List, SignedHeads.Stored)} from the chain's first record. */
    static ChainResult run(String chain, Iterator<AuditRecord> rows, Optional<Checkpoint> headRow,
                           List<SignedHeads.Stored> checkpoints) throws SQLException {
        return run(chain, rows, headRow, checkpoints, null);
    }

    /**
     * @param checkpoints this chain's stored checkpoints, checked against the keys; null when no key was given
     * @param cut         the signed cut the rows start after (the records up to it were dropped by the audit trail's
     *                    retention), or null when they start at record 1
     */
    static ChainResult run(String chain, Iterator<AuditRecord> rows, Optional<Checkpoint> headRow,
                           List<SignedHeads.Stored> checkpoints, SignedHeads.Stored cut) throws SQLException {
        Checkpoint trusted = cut == null ? Checkpoint.GENESIS : new Checkpoint(cut.sequence(), cut.hash());
        ChainCheck check = new ChainCheck(chain, rows, trusted);
        check.lastMatched = trusted.sequence();
        if (cut != null && checkpoints != null) {
            check.signed.put(cut.sequence(), cut); // its record is gone; it counts as a signed checkpoint reached
        }
        Message problem = null;
        long firstBroken = 0;
        if (checkpoints != null) {
            for (SignedHeads.Stored stored : checkpoints) {
                if (!stored.valid()) {
                    problem = VerifierMessages.signatureInvalid(chain, Long.toString(stored.sequence()),
                            stored.signedAt().toString());
                    firstBroken = Math.max(1, stored.sequence());
                    break;
                }
                check.signed.put(stored.sequence(), stored);
            }
        }
        ChainVerification verification = null;
        if (problem == null) {
            try {
                // a head row behind the cut cannot be checked against; the signed checkpoints still are
                verification = headRow.isPresent() && headRow.get().sequence() >= trusted.sequence()
                        ? AuditChainVerifier.verifyFrom(trusted, check, headRow.get())
                        : AuditChainVerifier.verifyFrom(trusted, check);
            } catch (ChainRows.Unreadable e) {
                problem = e.problem;
                firstBroken = check.head() + 1;
            } catch (ChainRows.Failed e) {
                throw (SQLException) e.getCause();
            }
        }
        long head = check.head();
        if (check.differs != null) {
            problem = VerifierMessages.checkpointDiffers(chain, Long.toString(check.differs.sequence()),
                    check.differs.signedAt().toString());
            firstBroken = check.lastMatched + 1;
            head = check.lastMatched;
        } else if (verification != null && !verification.intact()) {
            problem = verification.problem().orElseThrow();
            firstBroken = verification.firstBroken().orElseThrow();
            head = verification.verifiedHead().sequence();
        } else if (problem == null && !check.signed.isEmpty() && check.signed.lastKey() > head) {
            SignedHeads.Stored newest = check.signed.lastEntry().getValue();
            problem = VerifierMessages.truncatedBelowCheckpoint(chain, Long.toString(head),
                    Long.toString(newest.sequence()),
                    newest.signedAt().toString());
            firstBroken = head + 1;
        } else if (problem == null && checkpoints != null && check.signed.isEmpty() && head > 0) {
            problem = VerifierMessages.unsigned(chain, Long.toString(head));
            firstBroken = 1;
        }
        var covering = check.signed.floorEntry(head);
        return new ChainResult(chain, verification != null ? verification.recordsChecked() : check.returned, head,
                problem == null ? OptionalLong.empty() : OptionalLong.of(firstBroken), Optional.ofNullable(problem),
                covering == null ? OptionalLong.empty() : OptionalLong.of(covering.getKey()),
                Optional.ofNullable(covering).map(e -> e.getValue().signedAt()), trusted.sequence(),
                Optional.ofNullable(cut).map(SignedHeads.Stored::signedAt));
    }

    /** The last record handed to the verifier: every one before it passed its checks. */
    private long head() {
        return last == null ? trusted.sequence() : last.sequence();
    }

    @Override
    public boolean hasNext() {
        // a record that differs from a signed checkpoint ends the chain here: what follows is not worth reading
        return differs == null && rows.hasNext();
    }

    @Override
    public AuditRecord next() {
        AuditRecord record = rows.next();
        returned++;
        SignedHeads.Stored stored = signed.get(record.sequence());
        if (stored != null) {
            if (stored.hash().equals(record.hash())) {
                lastMatched = record.sequence();
            } else {
                differs = stored;
            }
        }
        last = record;
        return record;
    }
}
