// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalEncodingTest {

    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.000006Z");

    /**
     * Pinned so that the format cannot change by accident: if this fails, every stored chain would stop
     * verifying. Change the format only under a new format name, never by updating these values.
     */
    @Test
    void goldenRecordKeepsItsHash() {
        AuditEvent event = new AuditEvent(AT, "clerk", "ps1:0123456789abcdef0123456789abcdef", AuditAction.READ,
                "Customer", "42", List.of("name", "email"), "billing", "CONTRACT", AuditOutcome.PERMITTED,
                "CUSTOS-02001");

        AuditRecord record = AuditChain.genesis().append(event);

        assertThat(record.hash()).isEqualTo("953b98e964b092cee5379d0e1294563a9f8aa4f8132553d2b887db0604b06614");
    }

    @Test
    void goldenEncodingOfAMinimalEvent() {
        AuditEvent event = new AuditEvent(Instant.ofEpochSecond(1, 2_000), "a", "", AuditAction.ERASE, "", "",
                List.of(""), "", "", AuditOutcome.DONE, "");

        String hex = HexFormat.of().formatHex(CanonicalEncoding.encode(3, event));

        assertThat(hex).isEqualTo("0000000f" + ascii("custos-audit-v1")
                + "0000000000000003" // sequence
                + "0000000000000001" + "000007d0" // epoch seconds, nanos (whole microseconds)
                + "00000001" + ascii("a") // actor
                + "00000000" // subjectRef
                + "00000005" + ascii("ERASE")
                + "00000000" + "00000000" // entity, entityId
                + "00000001" + "00000000" // one field, empty
                + "00000000" + "00000000" // purpose, basis
                + "00000004" + ascii("DONE")
                + "00000000"); // detail
    }

    @Test
    void lengthPrefixesKeepSplitTextsApart() {
        assertDiffer(event("actor", "x", List.of("a|b", "c"), "", ""),
                event("actor", "x", List.of("a", "b|c"), "", ""));
        assertDiffer(event("ab", "c", List.of(), "", ""), event("a", "bc", List.of(), "", ""));
        assertDiffer(event("a", "", List.of(), "", ""), event("", "a", List.of(), "", ""));
        assertDiffer(event("a", "b", List.of(), "", ""), event("a", "b", List.of(""), "", ""));
        assertDiffer(event("a", "b", List.of("x"), "", ""), event("a", "b", List.of(), "x", ""));
        assertDiffer(event("a", "b", List.of(), "", "x"), event("a", "b", List.of(), "x", ""));
    }

    @Test
    void sequenceAndInstantPartsAreAllEncoded() {
        AuditEvent event = event("a", "b", List.of(), "", "");
        AuditEvent later = new AuditEvent(AT.plusNanos(1_000), "a", "", AuditAction.READ, "b", "", List.of(), "", "",
                AuditOutcome.DONE, "");

        assertThat(CanonicalEncoding.encode(1, event)).isNotEqualTo(CanonicalEncoding.encode(2, event));
        assertThat(CanonicalEncoding.encode(1, event)).isNotEqualTo(CanonicalEncoding.encode(1, later));
    }

    @Test
    void fieldOrderDoesNotChangeTheHash() {
        assertThat(AuditChain.genesis().append(event("a", "b", List.of("x", "y"), "", "")))
                .isEqualTo(AuditChain.genesis().append(event("a", "b", List.of("y", "x", "y"), "", "")));
    }

    private static void assertDiffer(AuditEvent one, AuditEvent other) {
        assertThat(CanonicalEncoding.encode(1, one)).isNotEqualTo(CanonicalEncoding.encode(1, other));
        assertThat(CanonicalEncoding.hash(Checkpoint.GENESIS_HASH, 1, one))
                .isNotEqualTo(CanonicalEncoding.hash(Checkpoint.GENESIS_HASH, 1, other));
    }

    private static AuditEvent event(String actor, String entity, List<String> fields, String purpose,
                                    String basis) {
        return new AuditEvent(AT, actor, "", AuditAction.READ, entity, "", fields, purpose, basis,
                AuditOutcome.DONE, "");
    }

    private static String ascii(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void timesAreKeptToTheMicrosecondAsDatabasesStoreThem() {
        AuditEvent event = event("a", "b", List.of(), "", "");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05.000006Z"));
        assertThat(new AuditEvent(Instant.parse("2025-01-02T03:04:05.123456789Z"), "a", "", AuditAction.READ, "", "",
                List.of(), "", "", AuditOutcome.DONE, "").occurredAt())
                .isEqualTo(Instant.parse("2025-01-02T03:04:05.123456Z"));
    }

    @Test
    void aSubjectIsNamedOnlyByAPseudonym() {
        for (String cleartext : new String[] {"client-7", "010190-1234", "ps1:short", "PS1:" + "a".repeat(32)}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AuditEvent(AT, "a", cleartext,
                    AuditAction.READ, "", "", List.of(), "", "", AuditOutcome.DONE, ""))
                    .isInstanceOf(dev.custos.core.CustosException.class)
                    .hasMessageStartingWith("CUSTOS-02316");
        }
        assertThat(new AuditEvent(AT, "a", SubjectPseudonyms.pseudonym(SubjectPseudonyms.newKey(), "client-7"),
                AuditAction.READ, "", "", List.of(), "", "", AuditOutcome.DONE, "").subjectRef()).startsWith("ps1:");
    }
}
