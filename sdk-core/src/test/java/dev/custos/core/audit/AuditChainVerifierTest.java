// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import static dev.custos.core.audit.AuditFixtures.at;
import static dev.custos.core.audit.AuditFixtures.chain;
import static dev.custos.core.audit.AuditFixtures.event;
import static dev.custos.core.audit.AuditFixtures.forge;
import static dev.custos.core.audit.AuditFixtures.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuditChainVerifierTest {

    private static final String CONTENT_CHANGED = "CUSTOS-02301";
    private static final String LINK_BROKEN = "CUSTOS-02302";
    private static final String SEQUENCE_GAP = "CUSTOS-02303";
    private static final String NOT_INCREASING = "CUSTOS-02304";
    private static final String NOT_STARTING_AT_ONE = "CUSTOS-02305";
    private static final String GENESIS_WRONG = "CUSTOS-02306";
    private static final String TRUNCATED = "CUSTOS-02307";
    private static final String CHECKPOINT_MISMATCH = "CUSTOS-02308";

    private final List<AuditRecord> original = chain(20);
    private final List<AuditRecord> records = new ArrayList<>(original);

    @Test
    void untouchedChainIsIntact() {
        ChainVerification result = AuditChainVerifier.verify(records.iterator(), head(original));

        assertThat(result.intact()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(20);
        assertThat(result.firstBroken()).isEmpty();
        assertThat(result.problem()).isEmpty();
        assertThat(result.verifiedHead()).isEqualTo(head(original));
    }

    @Test
    void emptyChainIsIntactWithoutCheckpointButTruncatedWithOne() {
        assertThat(AuditChainVerifier.verify(Collections.emptyIterator()))
                .isEqualTo(ChainVerification.intact(0, Checkpoint.GENESIS));

        ChainVerification result = AuditChainVerifier.verify(Collections.emptyIterator(), head(original));

        assertBroken(result, TRUNCATED, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.custos.core.audit.RecordTampering#all")
    void changingAnyComponentOfAMiddleRecordIsDetectedThere(UnaryOperator<AuditRecord> tampering) {
        records.set(9, tampering.apply(records.get(9)));

        ChainVerification result = AuditChainVerifier.verify(records.iterator(), head(original));

        assertBroken(result, CONTENT_CHANGED, 10);
        assertThat(result.recordsChecked()).isEqualTo(10);
        assertThat(result.verifiedHead()).isEqualTo(new Checkpoint(9, at(original, 9).hash()));
        assertThat(result.problem().orElseThrow().text()).startsWith("audit record 10 ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.custos.core.audit.RecordTampering#all")
    void changingAnyComponentOfTheFirstOrLastRecordIsDetected(UnaryOperator<AuditRecord> tampering) {
        List<AuditRecord> first = new ArrayList<>(original);
        first.set(0, tampering.apply(first.get(0)));
        records.set(19, tampering.apply(records.get(19)));

        assertBroken(AuditChainVerifier.verify(first.iterator()), CONTENT_CHANGED, 1);
        assertBroken(AuditChainVerifier.verify(records.iterator()), CONTENT_CHANGED, 20);
    }

    @Test
    void removedMiddleRecordIsNamedAsMissing() {
        records.remove(9);

        ChainVerification result = AuditChainVerifier.verify(records.iterator());

        assertBroken(result, SEQUENCE_GAP, 10);
        assertThat(result.problem().orElseThrow().text()).startsWith("audit record 10 is missing");
    }

    @Test
    void removedFirstRecordMeansTheChainDoesNotStartAtOne() {
        records.remove(0);

        assertBroken(AuditChainVerifier.verify(records.iterator()), NOT_STARTING_AT_ONE, 1);
    }

    @Test
    void removedLastRecordIsOnlyDetectedWithACheckpoint() {
        records.remove(19);

        assertThat(AuditChainVerifier.verify(records.iterator()).intact()).isTrue();
        assertBroken(AuditChainVerifier.verify(records.iterator(), head(original)), TRUNCATED, 20);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 19})
    void truncatedTailIsDetectedWithACheckpoint(int removed) {
        List<AuditRecord> kept = records.subList(0, 20 - removed);

        ChainVerification result = AuditChainVerifier.verify(kept.iterator(), head(original));

        assertBroken(result, TRUNCATED, 21 - removed);
        assertThat(result.recordsChecked()).isEqualTo(20 - removed);
        assertThat(result.verifiedHead().sequence()).isEqualTo(20 - removed);
    }

    @Test
    void insertedForgeryWithCorrectHashAndLinkIsExposedByTheRecordAfterIt() {
        records.add(9, forge(10, at(original, 9).hash(), 1));

        ChainVerification result = AuditChainVerifier.verify(records.iterator());

        // The forgery claims sequence 10 and passes; the genuine record 10 after it repeats its sequence.
        assertBroken(result, NOT_INCREASING, 11);
    }

    @Test
    void insertedForgeryWithASloppyLinkIsDetectedAtTheForgery() {
        records.add(9, forge(10, at(original, 3).hash(), 1));

        assertBroken(AuditChainVerifier.verify(records.iterator()), LINK_BROKEN, 10);
    }

    @Test
    void replacedRecordWithCorrectOwnHashIsExposedByTheLinkOfTheNext() {
        records.set(9, forge(10, at(original, 9).hash(), 1));

        ChainVerification result = AuditChainVerifier.verify(records.iterator());

        assertBroken(result, LINK_BROKEN, 11);
        assertThat(result.problem().orElseThrow().text()).contains("record 10 was replaced");
    }

    @Test
    void replacedLastRecordIsOnlyDetectedWithACheckpoint() {
        records.set(19, forge(20, at(original, 19).hash(), 1));

        assertThat(AuditChainVerifier.verify(records.iterator()).intact()).isTrue();
        assertBroken(AuditChainVerifier.verify(records.iterator(), head(original)), CHECKPOINT_MISMATCH, 1);
    }

    @Test
    void tailRewrittenWithRecomputedHashesIsOnlyDetectedWithACheckpoint() {
        List<AuditRecord> rewritten = new ArrayList<>(original.subList(0, 9));
        AuditChain attacker = AuditChain.resume(9, at(original, 9).hash());
        for (int i = 10; i <= 20; i++) {
            rewritten.add(attacker.append(i == 10 ? forge(10, "", 1).event() : event(i)));
        }

        assertThat(AuditChainVerifier.verify(rewritten.iterator()).intact()).isTrue();
        ChainVerification result = AuditChainVerifier.verify(rewritten.iterator(), head(original));
        assertBroken(result, CHECKPOINT_MISMATCH, 1);
        assertThat(result.recordsChecked()).isEqualTo(20);
        assertThat(result.verifiedHead()).isEqualTo(Checkpoint.GENESIS);
    }

    @Test
    void swappedRecordsAreDetectedWhereTheFirstIsExpected() {
        Collections.swap(records, 9, 10);

        assertBroken(AuditChainVerifier.verify(records.iterator()), SEQUENCE_GAP, 10);
    }

    @Test
    void swappedFirstRecordsMeanTheChainDoesNotStartAtOne() {
        Collections.swap(records, 0, 1);

        assertBroken(AuditChainVerifier.verify(records.iterator()), NOT_STARTING_AT_ONE, 1);
    }

    @Test
    void duplicatedRecordIsDetectedAfterTheOriginal() {
        records.add(10, records.get(9));

        ChainVerification result = AuditChainVerifier.verify(records.iterator());

        assertBroken(result, NOT_INCREASING, 11);
        assertThat(result.problem().orElseThrow().text()).startsWith("the audit record after 10 has sequence 10");
    }

    @Test
    void firstRecordWithAnotherGenesisIsDetected() {
        records.set(0, forge(1, "1".repeat(64), 1));

        assertBroken(AuditChainVerifier.verify(records.iterator()), GENESIS_WRONG, 1);
    }

    @Test
    void verificationStopsReadingAtTheFirstProblem() {
        records.set(4, forge(5, "", 1));
        Iterator<AuditRecord> iterator = records.iterator();

        ChainVerification result = AuditChainVerifier.verify(iterator);

        assertThat(result.recordsChecked()).isEqualTo(5);
        assertThat(iterator.next()).isSameAs(records.get(5));
    }

    @Test
    void segmentsVerifyFromATrustedCheckpoint() {
        ChainVerification first = AuditChainVerifier.verify(records.subList(0, 8).iterator());
        ChainVerification second = AuditChainVerifier.verifyFrom(first.verifiedHead(),
                records.subList(8, 20).iterator(), head(original));

        assertThat(first.intact()).isTrue();
        assertThat(second.intact()).isTrue();
        assertThat(second.recordsChecked()).isEqualTo(12);
        assertThat(second.verifiedHead()).isEqualTo(head(original));
    }

    @Test
    void segmentThatDoesNotLinkToTheTrustedCheckpointIsDetected() {
        Checkpoint wrong = new Checkpoint(8, at(original, 7).hash());

        assertBroken(AuditChainVerifier.verifyFrom(wrong, records.subList(8, 20).iterator()), LINK_BROKEN, 9);
    }

    @Test
    void segmentThatStartsAfterTheTrustedCheckpointIsMissingRecords() {
        Checkpoint trusted = new Checkpoint(8, at(original, 8).hash());

        assertBroken(AuditChainVerifier.verifyFrom(trusted, records.subList(10, 20).iterator()), SEQUENCE_GAP, 9);
    }

    @Test
    void tamperingInASegmentIsDetectedThere() {
        Checkpoint trusted = new Checkpoint(8, at(original, 8).hash());
        records.set(14, RecordTampering.all().get(4).getPayload().apply(records.get(14)));

        assertBroken(AuditChainVerifier.verifyFrom(trusted, records.subList(8, 20).iterator()), CONTENT_CHANGED, 15);
    }

    @Test
    void chainThatGrewPastTheCheckpointVerifies() {
        Checkpoint older = new Checkpoint(12, at(original, 12).hash());

        assertThat(AuditChainVerifier.verify(records.iterator(), older).intact()).isTrue();
    }

    @Test
    void checkpointThatDisagreesWithTheTrustedStartIsAMismatch() {
        Checkpoint trusted = new Checkpoint(8, at(original, 8).hash());
        Checkpoint other = new Checkpoint(8, at(original, 7).hash());

        ChainVerification result = AuditChainVerifier.verifyFrom(trusted, records.subList(8, 20).iterator(), other);

        assertBroken(result, CHECKPOINT_MISMATCH, 9);
        assertThat(result.recordsChecked()).isZero();
    }

    @Test
    void checkpointBeforeTheTrustedStartIsRefused() {
        Checkpoint trusted = new Checkpoint(8, at(original, 8).hash());
        Checkpoint earlier = new Checkpoint(3, at(original, 3).hash());

        assertThatThrownBy(() -> AuditChainVerifier.verifyFrom(trusted, records.subList(8, 20).iterator(), earlier))
                .isInstanceOfSatisfying(CustosException.class,
                        e -> assertThat(e.messageId()).isEqualTo("CUSTOS-02313"));
    }

    @Test
    void tenThousandUntouchedRecordsVerifyWhileStreamed() {
        AuditChain chain = AuditChain.genesis();
        // Records are made as the verifier asks for them, so none are held: the stream could come from storage.
        Iterator<AuditRecord> generated = Stream.iterate(1, i -> i + 1).limit(10_000)
                .map(i -> chain.append(event(i)))
                .iterator();

        ChainVerification result = AuditChainVerifier.verify(generated);

        assertThat(result.intact()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(10_000);
        assertThat(result.verifiedHead()).isEqualTo(chain.head());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomTamperingIsDetectedAtTheFirstBrokenSequence(long seed) {
        Random random = new Random(seed);
        int size = 50 + random.nextInt(151);
        List<AuditRecord> untouched = chain(size);
        List<AuditRecord> stored = new ArrayList<>(untouched);
        Expected expected = Tampering.values()[random.nextInt(Tampering.values().length)]
                .apply(stored, random);

        ChainVerification result = AuditChainVerifier.verify(stored.iterator(), head(untouched));

        assertBroken(result, expected.messageId(), expected.firstBroken());
    }

    static Stream<Long> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(200);
    }

    private static void assertBroken(ChainVerification result, String messageId, long firstBroken) {
        assertThat(result.intact()).as("intact").isFalse();
        assertThat(result.problem().orElseThrow().code()).as(result.problem().orElseThrow().toString())
                .isEqualTo(messageId);
        assertThat(result.firstBroken()).hasValue(firstBroken);
    }

    private record Expected(String messageId, long firstBroken) {
    }

    /** One random tampering of a stored chain, and what the verifier must report for it. */
    private enum Tampering {
        CHANGE_COMPONENT {
            @Override
            Expected apply(List<AuditRecord> stored, Random random) {
                int sequence = 1 + random.nextInt(stored.size());
                List<Named<UnaryOperator<AuditRecord>>> all = RecordTampering.all();
                UnaryOperator<AuditRecord> change = all.get(random.nextInt(all.size())).getPayload();
                stored.set(sequence - 1, change.apply(stored.get(sequence - 1)));
                return new Expected(CONTENT_CHANGED, sequence);
            }
        },
        REMOVE {
            @Override
            Expected apply(List<AuditRecord> stored, Random random) {
                int size = stored.size();
                int sequence = 1 + random.nextInt(size);
                stored.remove(sequence - 1);
                if (sequence == 1) {
                    return new Expected(NOT_STARTING_AT_ONE, 1);
                }
                return new Expected(sequence == size ? TRUNCATED : SEQUENCE_GAP, sequence);
            }
        },
        INSERT_FORGERY {
            @Override
            Expected apply(List<AuditRecord> stored, Random random) {
                int sequence = 1 + random.nextInt(stored.size());
                String previous = sequence == 1 ? Checkpoint.GENESIS_HASH : stored.get(sequence - 2).hash();
                stored.add(sequence - 1, forge(sequence, previous, random.nextInt()));
                return new Expected(NOT_INCREASING, sequence + 1);
            }
        },
        SWAP {
            @Override
            Expected apply(List<AuditRecord> stored, Random random) {
                int sequence = 1 + random.nextInt(stored.size() - 1);
                Collections.swap(stored, sequence - 1, sequence);
                return sequence == 1 ? new Expected(NOT_STARTING_AT_ONE, 1) : new Expected(SEQUENCE_GAP, sequence);
            }
        },
        TRUNCATE {
            @Override
            Expected apply(List<AuditRecord> stored, Random random) {
                int kept = random.nextInt(stored.size());
                stored.subList(kept, stored.size()).clear();
                return new Expected(TRUNCATED, kept + 1);
            }
        },
        DUPLICATE {
            @Override
            Expected apply(List<AuditRecord> stored, Random random) {
                int sequence = 1 + random.nextInt(stored.size());
                stored.add(sequence, stored.get(sequence - 1));
                return new Expected(NOT_INCREASING, sequence + 1);
            }
        };

        abstract Expected apply(List<AuditRecord> stored, Random random);
    }
}
