// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import dev.custos.core.Message;

/** Messages of the audit area, ids 02300-02399 (see message-ranges.txt). */
final class AuditMessages {

    private static final String TAMPERED = " The trail was modified outside Custos: keep this copy as evidence,"
            + " restore the trail from a backup or replica, and trust only records before sequence %s.";

    private AuditMessages() {
    }

    static Message contentChanged(String sequence) {
        return Message.of(2301, "audit record %s does not match its stored hash: it was changed after it was written."
                + TAMPERED, sequence, sequence);
    }

    static Message linkBroken(String sequence, String previousSequence) {
        return Message.of(2302, "audit record %s does not link to record %s (its previous hash differs from that"
                + " record's hash): record %s was replaced, or records were removed or inserted and the chain"
                + " renumbered." + TAMPERED, sequence, previousSequence, previousSequence, previousSequence);
    }

    static Message sequenceGap(String expectedSequence, String previousSequence, String foundSequence) {
        return Message.of(2303, "audit record %s is missing: the record after %s has sequence %s, so records were"
                + " removed or reordered." + TAMPERED, expectedSequence, previousSequence, foundSequence,
                expectedSequence);
    }

    static Message sequenceNotIncreasing(String previousSequence, String foundSequence) {
        return Message.of(2304, "the audit record after %s has sequence %s: sequence numbers must rise by one, so a"
                + " record was duplicated, inserted or reordered, and either copy of a repeated sequence may be"
                + " the forgery." + TAMPERED, previousSequence, foundSequence, previousSequence);
    }

    static Message notStartingAtOne(String foundSequence) {
        return Message.of(2305, "the audit chain starts at sequence %s instead of 1: its first records were removed."
                + " If the older part was archived on purpose, verify the rest with"
                + " AuditChainVerifier.verifyFrom and the checkpoint taken where it was cut; otherwise restore the"
                + " trail from a backup or replica and trust none of its records.", foundSequence);
    }

    static Message genesisHashWrong() {
        return Message.of(2306, "audit record 1 does not have 64 zeros as previous hash: it is not the first"
                + " record of this chain, or it was forged. Restore the trail from a backup or replica and trust"
                + " none of its records.");
    }

    static Message tailTruncated(String lastSequence, String checkpointSequence) {
        return Message.of(2307, "the audit chain ends at sequence %s but its checkpoint says it reached %s: records"
                + " at its end were removed. Restore them from a backup or replica; the records up to %s verified.",
                lastSequence, checkpointSequence, lastSequence);
    }

    static Message checkpointMismatch(String checkpointSequence, String trustedSequence) {
        return Message.of(2308, "audit record %s does not have the hash its checkpoint recorded: the chain was"
                + " rewritten at or before that record, after sequence %s, and its hashes recomputed to hide it."
                + " Keep this copy as evidence, restore the trail from a backup or replica, and trust only"
                + " records up to sequence %s.", checkpointSequence, trustedSequence, trustedSequence);
    }

    static Message malformedHash(String hash) {
        return Message.of(2309, "checkpoint hash \"%s\" is not 64 lowercase hex digits; pass the hash of the last"
                + " stored audit record, or AuditChain.head().hash(), unchanged", hash);
    }

    static Message negativeSequence(String sequence) {
        return Message.of(2310, "checkpoint sequence %s is negative; pass the sequence of the last stored audit"
                + " record, or 0 for an empty chain", sequence);
    }

    static Message emptyChainWithHash(String hash) {
        return Message.of(2311, "checkpoint sequence 0 (an empty chain) has hash %s, but an empty chain's hash is"
                + " 64 zeros (Checkpoint.GENESIS_HASH); pass the sequence of the record that has this hash", hash);
    }

    static Message keyTooShort(String length, String minimum) {
        return Message.of(2312, "the pseudonym key has %s bytes but needs at least %s; make keys with"
                + " SubjectPseudonyms.newKey()", length, minimum);
    }

    static Message checkpointBeforeStart(String expectedSequence, String trustedSequence) {
        return Message.of(2313, "the expected head (sequence %s) lies before the trusted checkpoint (sequence %s)"
                + " that verification starts from; pass a head at or after the trusted checkpoint, or verify from"
                + " an earlier one", expectedSequence, trustedSequence);
    }

    static Message algorithmMissing(String algorithm) {
        return Message.of(2314, "the JDK provides no %s, which every Java SE platform must; check the security"
                + " providers configured in java.security", algorithm);
    }

    static Message unpairedSurrogate(String component) {
        return Message.of(2315, "audit event %s holds an unpaired UTF-16 surrogate, which UTF-8 cannot encode and"
                + " would make the record's hash ambiguous; pass well-formed text", component);
    }

    static Message subjectRefNotPseudonym() {
        return Message.of(2316, "An audit event names its data subject by a value that is not a pseudonym; pass"
                + " SubjectPseudonyms.pseudonym(key, subjectId) (or nothing), never the subject's id or name");
    }
}
