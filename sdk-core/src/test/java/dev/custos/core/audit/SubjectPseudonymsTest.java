// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubjectPseudonymsTest {

    @Test
    void newKeysAre32RandomBytes() {
        byte[] one = SubjectPseudonyms.newKey();
        byte[] other = SubjectPseudonyms.newKey();

        assertThat(one).hasSize(32);
        assertThat(one).isNotEqualTo(other);
    }

    @Test
    void pseudonymIsStableForTheSameKeyAndSubject() {
        byte[] key = SubjectPseudonyms.newKey();

        String pseudonym = SubjectPseudonyms.pseudonym(key, "customer-42");

        assertThat(pseudonym).matches("ps1:[0-9a-f]{32}");
        assertThat(SubjectPseudonyms.pseudonym(key.clone(), "customer-42")).isEqualTo(pseudonym);
        assertThat(SubjectPseudonyms.pseudonym(key, "customer-43")).isNotEqualTo(pseudonym);
    }

    @Test
    void pseudonymDiffersAcrossKeys() {
        assertThat(SubjectPseudonyms.pseudonym(SubjectPseudonyms.newKey(), "customer-42"))
                .isNotEqualTo(SubjectPseudonyms.pseudonym(SubjectPseudonyms.newKey(), "customer-42"));
    }

    @Test
    void pseudonymIsHmacSha256OfTheUtf8SubjectId() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"; padded to the minimum key length
        // with zero bytes, which HMAC does itself for keys shorter than the block.
        byte[] key = Arrays.copyOf("Jefe".getBytes(StandardCharsets.UTF_8), 16);

        assertThat(SubjectPseudonyms.pseudonym(key, "what do ya want for nothing?"))
                .isEqualTo("ps1:5bdcc146bf60754e6a042426089575c7");
    }

    @Test
    void onlyThePseudonymsFormIsRecognised() {
        String pseudonym = SubjectPseudonyms.pseudonym(SubjectPseudonyms.newKey(), "customer-42");

        assertThat(SubjectPseudonyms.isPseudonym(pseudonym)).isTrue();
        assertThat(SubjectPseudonyms.isPseudonym("ps1:0123456789abcdef0123456789abcdef")).isTrue();
        assertThat(List.of("", "customer-42", "ps1:", "ps1:0123456789abcdef0123456789abcde",
                "ps1:0123456789abcdef0123456789abcdef0", "ps1:0123456789ABCDEF0123456789abcdef",
                "ps1:0123456789abcdef0123456789abcdeg", "ps2:0123456789abcdef0123456789abcdef",
                "PS1:0123456789abcdef0123456789abcdef", " ps1:0123456789abcdef0123456789abcdef"))
                .allSatisfy(value -> assertThat(SubjectPseudonyms.isPseudonym(value)).as(value).isFalse());
        assertThat(SubjectPseudonyms.isPseudonym(null)).isFalse();
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> SubjectPseudonyms.pseudonym(new byte[15], "customer-42"))
                .isInstanceOfSatisfying(CustosException.class, e -> {
                    assertThat(e.messageId()).isEqualTo("CUSTOS-02312");
                    assertThat(e.detail().text()).contains("15 bytes");
                });
    }

    @Test
    void chainStillVerifiesAfterTheSubjectsKeyIsDestroyed() {
        Map<String, byte[]> keys = new HashMap<>();
        keys.put("alice", SubjectPseudonyms.newKey());
        keys.put("bob", SubjectPseudonyms.newKey());
        AuditChain chain = AuditChain.genesis();
        List<AuditRecord> trail = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String subject = i % 2 == 0 ? "alice" : "bob";
            trail.add(chain.append(new AuditEvent(AuditFixtures.START.plusSeconds(i), "clerk",
                    SubjectPseudonyms.pseudonym(keys.get(subject), subject), AuditAction.READ, "Customer",
                    Integer.toString(1000 + i), List.of("email"), "billing", "CONTRACT", AuditOutcome.PERMITTED, "")));
        }
        String alicePseudonym = trail.get(0).event().subjectRef();

        // Erasing Alice: her key is destroyed; the trail is not touched.
        Arrays.fill(keys.remove("alice"), (byte) 0);

        assertThat(AuditChainVerifier.verify(trail.iterator(), chain.head()).intact()).isTrue();
        assertThat(trail).extracting(r -> new String(CanonicalEncoding.encode(r.sequence(), r.event()),
                StandardCharsets.UTF_8)).noneMatch(encoded -> encoded.contains("alice"));
        // A new key for the same person gives a new pseudonym, so the old entries stay unlinked.
        assertThat(SubjectPseudonyms.pseudonym(SubjectPseudonyms.newKey(), "alice")).isNotEqualTo(alicePseudonym);
    }
}
