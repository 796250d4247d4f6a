// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5 of issue #8: consent is withdrawn while readers read the consent-based questionnaire in parallel,
 * on PostgreSQL with both providers (EclipseLink's shared cache included). A read that starts after
 * {@link ConsentRegistry#withdraw} has returned (the withdrawal committed) must not return the data. Rounds:
 * {@code custos.reliability.race.rounds}, split between the providers; each round gives consent again.
 */
class WithdrawalRaceTest {

    private static final int READERS = 3;

    private final int rounds = Sizes.of("race.rounds", 20);
    private final long seed = Long.getLong("custos.reliability.seed", System.nanoTime());

    @Test
    void noReadStartedAfterTheWithdrawalCommittedSucceeds() throws Exception {
        Random random = new Random(seed);
        long afterWithdrawal = 0;
        long permittedBefore = 0;
        long refusedAfter = 0;
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
                        JpaUnit.inTransaction(emf, em -> em.persist(new Questionnaire(1L, "c1", "sleeps badly")));
                        for (int round = 0; round < rounds / 2; round++) {
                            consents.give("c1", "research", "n1", "portal");
                            AtomicBoolean withdrawn = new AtomicBoolean();
                            AtomicBoolean stop = new AtomicBoolean();
                            List<Future<long[]>> readers = new ArrayList<>();
                            for (int r = 0; r < READERS; r++) {
                                readers.add(pool.submit(() -> read(emf, withdrawn, stop)));
                            }
                            Thread.sleep(random.nextInt(50));
                            consents.withdraw("c1", "research", "portal");
                            withdrawn.set(true);
                            Thread.sleep(50 + random.nextInt(50));
                            stop.set(true);
                            for (Future<long[]> reader : readers) {
                                long[] figures = reader.get(1, TimeUnit.MINUTES);
                                afterWithdrawal += figures[0];
                                permittedBefore += figures[1];
                                refusedAfter += figures[2];
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
        Sizes.result("reads_after_withdrawal=" + afterWithdrawal + " rounds=" + rounds + " permitted_before="
                + permittedBefore + " refused_after=" + refusedAfter);
        assertThat(afterWithdrawal).isZero();
        assertThat(refusedAfter).as("readers must have raced the withdrawal").isPositive();
    }

    /** {reads that started after the withdrawal and returned the data, permitted reads, refused later reads}. */
    private static long[] read(EntityManagerFactory emf, AtomicBoolean withdrawn, AtomicBoolean stop) {
        AtomicLong wrong = new AtomicLong();
        long permitted = 0;
        long refusedAfter = 0;
        try (ProcessingContext.Scope scope = ProcessingContext.open("research", "dr.berg")) {
            while (!stop.get()) {
                boolean after = withdrawn.get();
                EntityManager em = emf.createEntityManager();
                try {
                    String answers = em.find(Questionnaire.class, 1L).answers;
                    if ("sleeps badly".equals(answers)) {
                        permitted++;
                        if (after) {
                            wrong.incrementAndGet();
                        }
                    }
                } catch (RuntimeException refused) {
                    refusedAfter += after ? 1 : 0;
                } finally {
                    em.close();
                }
            }
        }
        return new long[] {wrong.get(), permitted, refusedAfter};
    }
}
