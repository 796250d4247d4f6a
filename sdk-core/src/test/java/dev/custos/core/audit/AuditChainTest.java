// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import static dev.custos.core.audit.AuditFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditChainTest {

    @Test
    void appendNumbersFromOneAndLinksEachRecordToThePrevious() {
        AuditChain chain = AuditChain.genesis();

        AuditRecord first = chain.append(event(1));
        AuditRecord second = chain.append(event(2));

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(Checkpoint.GENESIS_HASH);
        assertThat(first.hash()).matches("[0-9a-f]{64}");
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(chain.head()).isEqualTo(new Checkpoint(2, second.hash()));
    }

    @Test
    void newChainHeadIsGenesis() {
        assertThat(AuditChain.genesis().head()).isEqualTo(Checkpoint.GENESIS);
    }

    @Test
    void resumedChainContinuesAsIfItHadNeverStopped() {
        AuditChain whole = AuditChain.genesis();
        List<AuditRecord> expected = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            expected.add(whole.append(event(i)));
        }
        AuditChain before = AuditChain.genesis();
        for (int i = 1; i <= 3; i++) {
            before.append(event(i));
        }

        AuditChain resumed = AuditChain.resume(before.head().sequence(), before.head().hash());

        for (int i = 4; i <= 6; i++) {
            assertThat(resumed.append(event(i))).isEqualTo(expected.get(i - 1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0000000000000000000000000000000000000000000000000000000000000000a",
        "ABCDEF0000000000000000000000000000000000000000000000000000000000",
        "g000000000000000000000000000000000000000000000000000000000000000"})
    void resumeRefusesMalformedHashes(String hash) {
        assertThatThrownBy(() -> AuditChain.resume(5, hash))
                .isInstanceOfSatisfying(CustosException.class,
                        e -> assertThat(e.messageId()).isEqualTo("CUSTOS-02309"));
    }

    @Test
    void resumeRefusesNegativeSequences() {
        assertThatThrownBy(() -> AuditChain.resume(-1, Checkpoint.GENESIS_HASH))
                .isInstanceOfSatisfying(CustosException.class,
                        e -> assertThat(e.messageId()).isEqualTo("CUSTOS-02310"));
    }

    @Test
    void resumeRefusesAnEmptyChainWithAHash() {
        assertThatThrownBy(() -> AuditChain.resume(0, "ab".repeat(32)))
                .isInstanceOfSatisfying(CustosException.class,
                        e -> assertThat(e.messageId()).isEqualTo("CUSTOS-02311"));
    }

    @Test
    void concurrentAppendsFormOneIntactChain() throws Exception {
        AuditChain chain = AuditChain.genesis();
        ConcurrentLinkedQueue<AuditRecord> written = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        written.add(chain.append(event(i)));
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // Threads may store their records out of order; storage reads them back by sequence.
        List<AuditRecord> bySequence = new ArrayList<>(written);
        bySequence.sort(Comparator.comparingLong(AuditRecord::sequence));

        ChainVerification result = AuditChainVerifier.verify(bySequence.iterator(), chain.head());

        assertThat(result.intact()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(2000);
    }
}
