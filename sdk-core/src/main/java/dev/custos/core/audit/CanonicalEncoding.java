// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import dev.custos.core.CustosException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The canonical encoding of a record, format {@value #FORMAT}, and the hash computed over it. Stateless and
 * thread-safe.
 * <p>
 * The layout, all integers big-endian:
 * <pre>
 * text(FORMAT) int64(sequence) int64(epochSecond) int32(nano) text(actor) text(subjectRef) text(action.name)
 * text(entity) text(entityId) int32(fields.size) text(field)... text(purpose) text(basis) text(outcome.name)
 * text(detail)
 * </pre>
 * where {@code text(s)} is int32(number of UTF-8 bytes) followed by the bytes. Because every text carries its
 * length and the field list its count, no two different records share an encoding: {@code ["a|b", "c"]} and
 * {@code ["a", "b|c"]} differ, as do an empty field list and a list holding one empty name.
 * <p>
 * Changing anything here changes every hash and breaks every stored chain: a new layout needs a new format
 * name, and the verifier must keep understanding the old one.
 */
final class CanonicalEncoding {

    static final String FORMAT = "custos-audit-v1";

    private static final HexFormat HEX = HexFormat.of();

    private CanonicalEncoding() {
    }

    /** The canonical bytes of {@code event} at {@code sequence}. */
    static byte[] encode(long sequence, AuditEvent event) {
        Writer out = new Writer();
        out.text(FORMAT);
        out.int64(sequence);
        out.int64(event.occurredAt().getEpochSecond());
        out.int32(event.occurredAt().getNano());
        out.text(event.actor());
        out.text(event.subjectRef());
        out.text(event.action().name());
        out.text(event.entity());
        out.text(event.entityId());
        out.int32(event.fields().size());
        for (String field : event.fields()) {
            out.text(field);
        }
        out.text(event.purpose());
        out.text(event.basis());
        out.text(event.outcome().name());
        out.text(event.detail());
        return out.toByteArray();
    }

    /** SHA-256 over the bytes of {@code previousHash} and the canonical bytes, as lowercase hex. */
    static String hash(String previousHash, long sequence, AuditEvent event) {
        MessageDigest digest = sha256();
        digest.update(previousHash.getBytes(StandardCharsets.UTF_8));
        digest.update(encode(sequence, event));
        return HEX.formatHex(digest.digest());
    }

    // A new MessageDigest per call: it is not thread-safe, and a ThreadLocal would pin this class loader in
    // the pooled threads of an application server after undeployment. Creating one costs far less than hashing.
    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new CustosException(AuditMessages.algorithmMissing("SHA-256"), e);
        }
    }

    /** A growing byte buffer with the few primitives the layout needs. */
    /** Big-endian integers and length-prefixed UTF-8 into a growing array; unsynchronized, one per record. */
    private static final class Writer {

        private byte[] bytes = new byte[256];
        private int size;

        void int32(int value) {
            room(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        void int64(long value) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        void text(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            int32(utf8.length);
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
