// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.Message;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Questionnaire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5 of issue #8: consent is withdrawn while readers read the consent-based questionnaire in parallel,
 * on PostgreSQL with both providers (EclipseLink's shared cache included). A read that starts after
 * {@link ConsentRegistry#withdraw} has returned (the withdrawal committed) must not return the data. Rounds:
 * {@code custos.reliability.race.rounds}, split between the providers; each round gives consent again. In every
 * round each reader reads the answers at least once before the withdrawal and is refused at least once after it,
 * with {@link #REFUSAL}'s ids: a Custos that refused every read, or none, fails.
 */
class WithdrawalRaceTest {

    private static final int READERS = 3;

    private final int rounds = Sizes.of("race.rounds", 20);
    private final long seed = Long.getLong("custos.reliability.seed", System.nanoTime());

    /** The read's refusal: reading is refused ({@code CUSTOS-04409}) because consent was withdrawn ({@code 02003}). */
    static final String REFUSAL = "CUSTOS-04409 CUSTOS-02003";

    @Test
    void everyRoundPermitsReadsBeforeTheWithdrawalAndRefusesReadsAfterIt() throws Exception {
        Random random = new Random(seed);
        long afterWithdrawal = 0;
        long permittedBefore = 0;
        long refusedAfter = 0;
        List<String> badRounds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        try {
            for (JpaUnit.Provider provider : JpaUnit.Provider.values()) {
                try (TestDatabase db = TestDatabase.empty(TestDatabase.POSTGRESQL)) {
                    JpaUnit unit = new JpaUnit(provider, db.name());
                    EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk"));
                    try {
                        CustosRuntime runtime = CustosJpa.start(unit.unitName(), emf, db.dataSource(),
                                Clock.systemUTC());
                        ConsentRegistry consents = new ConsentRegistry(runtime);
                        try (ProcessingContext.Scope scope = ProcessingContext.open("research", "dr.berg")) {
                            JpaUnit.inTransaction(emf, em -> em.persist(new Questionnaire(1L, "c1", "sleeps badly")));
                        }
                        for (int round = 0; round < rounds / 2; round++) {
                            consents.give("c1", "research", "n1", "portal");
                            Round state = new Round();
                            List<Future<Figures>> readers = new ArrayList<>();
                            for (int r = 0; r < READERS; r++) {
                                readers.add(pool.submit(() -> read(emf, state)));
                            }
                            // each reader has read the answers once with consent standing; then they race on
                            state.readBefore.await(1, TimeUnit.MINUTES);
                            Thread.sleep(random.nextInt(50));
                            state.withdrawing.set(true);
                            consents.withdraw("c1", "research", "portal");
                            state.withdrawn.set(true);
                            // each reader has started (and finished) a read after the withdrawal committed
                            state.readAfter.await(1, TimeUnit.MINUTES);
                            state.stop.set(true);
                            Figures figures = new Figures();
                            for (Future<Figures> reader : readers) {
                                figures.add(reader.get(1, TimeUnit.MINUTES));
                            }
                            afterWithdrawal += figures.wrong;
                            permittedBefore += figures.permitted;
                            refusedAfter += figures.refusedAfter;
                            if (figures.wrong > 0 || figures.permitted < READERS || figures.refusedAfter < READERS
                                    || !figures.unexpected.isEmpty()) {
                                badRounds.add(provider + " round " + round + ": " + figures);
                            }
                        }
                    } finally {
                        emf.close();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        badRounds.forEach(r -> System.out.println("bad round: " + r));
        Sizes.result("reads_after_withdrawal=" + afterWithdrawal + " rounds=" + rounds + " permitted_before="
                + permittedBefore + " refused_after=" + refusedAfter + " bad_rounds=" + badRounds.size());
        assertThat(afterWithdrawal).isZero();
        assertThat(badRounds).isEmpty();
    }

    /** What the readers of one round share. */
    private static final class Round {
        final CountDownLatch readBefore = new CountDownLatch(READERS);
        final CountDownLatch readAfter = new CountDownLatch(READERS);
        final AtomicBoolean withdrawing = new AtomicBoolean();
        final AtomicBoolean withdrawn = new AtomicBoolean();
        final AtomicBoolean stop = new AtomicBoolean();
    }

    /** One reader's (or one round's) figures. */
    private static final class Figures {
        long wrong;
        long permitted;
        long refusedAfter;
        final List<String> unexpected = new ArrayList<>();

        void add(Figures other) {
            wrong += other.wrong;
            permitted += other.permitted;
            refusedAfter += other.refusedAfter;
            unexpected.addAll(other.unexpected);
        }

        @Override
        public String toString() {
            return "reads_after_withdrawal=" + wrong + " permitted=" + permitted + " refused_after=" + refusedAfter
                    + " unexpected=" + unexpected;
        }
    }

    /**
     * Reads until told to stop. A read that started after the withdrawal and returned the answers is wrong; a
     * refusal must be {@link #REFUSAL} and come after the withdrawal; anything else is unexpected. Counts down
     * {@code readBefore} after its first permitted read and {@code readAfter} after its first read started
     * after the withdrawal.
     */
    private static Figures read(EntityManagerFactory emf, Round round) {
        Figures figures = new Figures();
        boolean countedBefore = false;
        boolean countedAfter = false;
        try (ProcessingContext.Scope scope = ProcessingContext.open("research", "dr.berg")) {
            while (!round.stop.get()) {
                boolean after = round.withdrawn.get();
                EntityManager em = emf.createEntityManager();
                try {
                    String answers = em.find(Questionnaire.class, 1L).answers;
                    if ("sleeps badly".equals(answers)) {
                        figures.permitted++;
                        figures.wrong += after ? 1 : 0;
                        if (!countedBefore) {
                            countedBefore = true;
                            round.readBefore.countDown();
                        }
                    } else {
                        figures.unexpected.add("answers " + answers);
                    }
                } catch (AccessRefusedException refused) {
                    String ids = refused.messageId() + " "
                            + refused.reasons().stream().map(Message::code).collect(Collectors.joining(" "));
                    if (after && ids.equals(REFUSAL)) {
                        figures.refusedAfter++;
                    } else if (!after && round.withdrawing.get()) {
                        // began before the withdrawal returned, decided after it began: a refusal may be right
                        if (!ids.equals(REFUSAL)) {
                            figures.unexpected.add(ids);
                        }
                    } else if (after) {
                        figures.unexpected.add(ids);
                    } else {
                        figures.unexpected.add("refused with consent standing: " + ids);
                    }
                } catch (RuntimeException e) {
                    figures.unexpected.add(String.valueOf(e));
                } finally {
                    em.close();
                }
                if (after && !countedAfter) {
                    countedAfter = true;
                    round.readAfter.countDown();
                }
            }
        }
        return figures;
    }
}
