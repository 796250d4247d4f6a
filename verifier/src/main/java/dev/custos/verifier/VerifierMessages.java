// SPDX-License-Identifier: Apache-2.0
package dev.custos.verifier;

import dev.custos.core.Message;
import dev.custos.core.SafeCause;

/**
 * Messages of the independent verifier, ids 06000-06099 (see message-ranges.txt): 06000-06009 usage and
 * connection (exit code 2), 06010-06019 breaks (exit code 1), 06020-06024 the report's lines, 06025-06039 the audit
 * trail's retention (a break, a report line). They name chains by
 * name and records by sequence, never a row's content.
 */
final class VerifierMessages {

    private VerifierMessages() {
    }

    static Message usage() {
        return Message.of(6000, "Usage: java -jar custos-verifier.jar --url JDBC-URL [--user NAME]"
                + " [--password-env VARIABLE] [--public-key FILE]... [--json]. Verifies Custos' audit chains and"
                + " consent ledger, read-only; exit code 0 intact, 1 broken, 2 usage or connection error");
    }

    static Message badArgument(String argument) {
        return Message.of(6001, "%s is not an option of the verifier, or lacks its value; see --help", argument);
    }

    static Message missingUrl() {
        return Message.of(6002, "--url is required: the JDBC URL of the database holding Custos' tables, for"
                + " example jdbc:postgresql://db.example:5432/clinic?currentSchema=custos");
    }

    static Message passwordVariableUnset(String variable) {
        return Message.of(6003, "--password-env names %s, but no such environment variable is set; export it"
                + " before running the verifier (the password is never given on the command line)", variable);
    }

    static Message publicKeyUnreadable(String file, SafeCause cause) {
        return Message.of(6004, "%s cannot be read as an Ed25519 public key (X.509 SubjectPublicKeyInfo, PEM or"
                + " DER): %s. Export it from the private key with `openssl pkey -in KEY -pubout -out FILE`", file,
                cause);
    }

    static Message connectionFailed(String url, SafeCause cause) {
        return Message.of(6005, "Cannot connect to %s: %s. Check the URL, the account and its password, and that"
                + " the JDBC driver is on the class path (the jar brings PostgreSQL's; for another database run"
                + " java -cp custos-verifier.jar:DRIVER.jar dev.custos.verifier.Main ...)", url, cause);
    }

    static Message readFailed(String what, SafeCause cause) {
        return Message.of(6006, "Reading %s failed: %s. The account needs SELECT on Custos' tables (see the"
                + " auditor guide); nothing was concluded about the chains", what, cause);
    }

    static Message signatureInvalid(String chain, String sequence, String signedAt) {
        return Message.of(6010, "Chain %s: the checkpoint of record %s, dated %s, carries no valid signature of the"
                + " given public key(s): it was forged or altered in the database, or signed with another key",
                chain, sequence, signedAt);
    }

    static Message checkpointDiffers(String chain, String sequence, String signedAt) {
        return Message.of(6011, "Chain %s: record %s is not the record the checkpoint signed at %s covers: the"
                + " chain was rewritten at or before record %s, although its hashes agree with each other", chain,
                sequence, signedAt, sequence);
    }

    static Message truncatedBelowCheckpoint(String chain, String last, String signed, String signedAt) {
        return Message.of(6012, "Chain %s ends at record %s, but a checkpoint signed at %s covers record %s: the"
                + " records after %s were removed", chain, last, signedAt, signed, last);
    }

    static Message unsigned(String chain, String records) {
        return Message.of(6013, "Chain %s has %s record(s) and no checkpoint signed with the given public key(s):"
                + " nothing shows that its records are the ones Custos wrote. Let Custos sign its checkpoints"
                + " (custos.checkpoint.signing-key) before verifying with --public-key", chain, records);
    }

    static Message rowUnreadable(String chain, String sequence, String column) {
        return Message.of(6014, "Chain %s: record %s cannot be read, column %s holds a value Custos never writes:"
                + " the row was changed in the database", chain, sequence, column);
    }

    static Message ledgerRowUnchained(String eventSeq) {
        return Message.of(6015, "Chain ledger: consent event %s has no place in the chain (its chain columns are"
                + " empty): it was inserted outside Custos", eventSeq);
    }

    static Message chainIntact(String chain, String records, String head) {
        return Message.of(6020, "Chain %s: intact, %s record(s), head at record %s", chain, records, head);
    }

    static Message chainSigned(String chain, String signed, String signedAt, String later) {
        return Message.of(6021, "Chain %s: signed up to record %s at %s; %s later record(s) are covered by the"
                + " next signed checkpoint only", chain, signed, signedAt, later);
    }

    static Message chainBroken(String chain, String firstBroken) {
        return Message.of(6022, "Chain %s: BROKEN from record %s", chain, firstBroken);
    }

    static Message signaturesNotChecked() {
        return Message.of(6023, "Signatures not checked (no --public-key): a chain cut short or rewritten together"
                + " with its head row in the database cannot be found without them");
    }

    static Message summary(String intact, String broken) {
        return Message.of(6024, "%s chain(s) intact, %s broken", intact, broken);
    }

    static Message cutUncovered(String chain, String first, String cut) {
        return Message.of(6025, "Chain %s starts at record %s, but no checkpoint of record %s signed as chain"
                + " audit-cut (with the given public key(s), if any) is stored: records 1 to %s were removed without"
                + " the export the audit trail's retention makes before it drops them", chain, first, cut, cut);
    }

    static Message chainDropped(String chain, String cut, String signedAt) {
        return Message.of(6026, "Chain %s: records 1 to %s were dropped by the audit trail's retention after their"
                + " export; verified from the checkpoint of record %s signed at %s (the exported files hold the"
                + " records before it)", chain, cut, cut, signedAt);
    }
}
