// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.custos.cdi.RetentionService;
import dev.custos.core.CustosException;
import dev.custos.it.WarLibraries;
import dev.custos.it.batch.model.Letter;
import dev.custos.it.batch.model.Parcel;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.retention.SweepReport;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The retention sweep as the Jakarta Batch job custos-retention-sweep, run by the build on both servers. On the one
 * with batch-2.1 and batchManagement-1.0 (custos-it-mp, job repository in the application's Derby database): the job
 * erases what is due and keeps what a hold keeps; a job failed mid-chunk and restarted, and two jobs at once, erase
 * and audit every due row exactly once; Liberty's batch REST API starts it and serves its log. On the server
 * without Jakarta Batch (custos-it): the same application deploys, the job is refused with its message and the
 * direct sweep works as before. Each test writes rows of its own id range, due (sent or shipped three years ago) or
 * not (ten days ago).
 */
@ExtendWith(ArquillianExtension.class)
class BatchSweepIT {

    private static final String SERVER = "server.txt";
    private static final String BATCH_SERVER = "custos-it-mp";
    private static final LocalDate DUE = LocalDate.now().minusYears(3);
    private static final LocalDate RECENT = LocalDate.now().minusDays(10);

    @Deployment
    static WebArchive deployment() {
        String server = System.getProperty("arquillian.liberty.serverName");
        WebArchive war = ShrinkWrap.create(WebArchive.class, "custos-batch.war")
                .addClasses(Letter.class, Parcel.class, Rows.class)
                .addAsResource(BatchSweepIT.class.getPackage(), "persistence.xml", "META-INF/persistence.xml")
                .addAsResource(BatchSweepIT.class.getPackage(), "microprofile-config.properties",
                        "META-INF/microprofile-config.properties")
                // which server this is, as the build says: the test must not take a missing feature for the plan
                .addAsResource(new StringAsset(server), SERVER)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsLibraries(WarLibraries.sdkCdiRuntime());
        if (BATCH_SERVER.equals(server)) {
            // Jakarta Batch types: only where the server provides them
            war.addClasses(JobWatch.class, FailAfter.class, BatchRest.class)
                    .addAsResource(BatchSweepIT.class.getPackage(), "custos-retention-sweep-failing.xml",
                            "META-INF/batch-jobs/custos-retention-sweep-failing.xml");
        }
        return war;
    }

    @Inject
    RetentionService retention;

    @Resource(lookup = "jdbc/custos")
    DataSource database;

    private static boolean batchServer() throws IOException {
        try (InputStream in = BatchSweepIT.class.getClassLoader().getResourceAsStream(SERVER)) {
            return BATCH_SERVER.equals(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void withoutJakartaBatchTheJobIsRefusedAndTheDirectSweepWorksAsBefore() throws Exception {
        assumeFalse(batchServer(), "the server with Jakarta Batch runs the other tests");
        Rows rows = new Rows(database);
        List<Long> due = rows.letters(5000, 3, DUE);
        CustosException refused = assertThrows(CustosException.class, () -> retention.startSweepJob());
        assertTrue(refused.getMessage().startsWith("CUSTOS-05101: "), refused.getMessage());
        SweepReport report = retention.sweepNow(SweepOptions.defaults());
        assertEquals(SweepReport.Outcome.COMPLETED, report.outcome(), report.toString());
        assertEquals(List.of(), rows.lettersWithBody(due));
        assertErasedOnce(rows, "Letter", due);
    }

    @Test
    void theJobErasesWhatIsDueAndKeepsWhatAHoldKeeps() throws Exception {
        assumeTrue(batchServer(), "needs Jakarta Batch");
        Rows rows = new Rows(database);
        List<Long> dueLetters = rows.letters(1000, 20, DUE);
        List<Long> recentLetters = rows.letters(1020, 5, RECENT);
        List<Long> heldLetter = rows.letters(1025, 1, DUE);
        List<Long> dueParcels = rows.parcels(1000, 20, DUE);
        List<Long> recentParcels = rows.parcels(1020, 5, RECENT);
        retention.placeHold("customer-1025", Optional.of("Letter"), Optional.of("1025"), "legal-claims", "dispute");

        long execution = retention.startSweepJob();
        assertEquals("COMPLETED", JobWatch.awaitEnd(execution));

        assertEquals(List.of(), rows.lettersWithBody(dueLetters));
        assertEquals(List.of(), rows.parcels(dueParcels));
        assertEquals(recentLetters, rows.lettersWithBody(recentLetters));
        assertEquals(recentParcels, rows.parcels(recentParcels));
        assertEquals(heldLetter, rows.lettersWithBody(heldLetter));
        assertErasedOnce(rows, "Letter", dueLetters);
        assertErasedOnce(rows, "Parcel", dueParcels);
        assertFalse(rows.logged("Letter").containsKey(1025L));
        assertTrue(JobWatch.exitStatus(execution).startsWith("SWEPT "), JobWatch.exitStatus(execution));
    }

    /**
     * Batches of 3 rows, 2 per checkpoint: the Parcel partition fails on its third batch, which the reader already
     * committed, so the restart begins again after the second one and meets rows erased since its checkpoint.
     */
    @Test
    void aJobFailedMidChunkAndRestartedErasesAndAuditsEveryRowOnce() throws Exception {
        assumeTrue(batchServer(), "needs Jakarta Batch");
        Rows rows = new Rows(database);
        List<Long> letters = rows.letters(2000, 20, DUE);
        List<Long> parcels = rows.parcels(2000, 20, DUE);

        long failed = JobWatch.start("custos-retention-sweep-failing", Map.of("batchSize", "3",
                "batchesPerCheckpoint", "2", "failEntity", "Parcel", "failAt", "3"));
        assertEquals("FAILED", JobWatch.awaitEnd(failed));
        assertEquals(List.of(), rows.lettersWithBody(letters)); // the other partition completed
        assertEquals(parcels.subList(9, 20), rows.parcels(parcels)); // three batches of three committed

        long restarted = JobWatch.restart(failed, Map.of("batchSize", "3", "batchesPerCheckpoint", "2",
                "failEntity", "", "failAt", ""));
        assertEquals("COMPLETED", JobWatch.awaitEnd(restarted));
        assertEquals(List.of(), rows.parcels(parcels));
        assertErasedOnce(rows, "Letter", letters);
        assertErasedOnce(rows, "Parcel", parcels);
        // the restart swept only what was left after the checkpoint: the third batch's rows were gone already
        assertEquals(11, erased(JobWatch.exitStatus(restarted)), JobWatch.exitStatus(restarted));
    }

    @Test
    void twoJobsAtOnceEraseNothingTwice() throws Exception {
        assumeTrue(batchServer(), "needs Jakarta Batch");
        Rows rows = new Rows(database);
        List<Long> letters = rows.letters(3000, 30, DUE);
        List<Long> parcels = rows.parcels(3000, 30, DUE);

        Map<String, String> parameters = Map.of("batchSize", "4");
        long first = JobWatch.start("custos-retention-sweep", parameters);
        long second = JobWatch.start("custos-retention-sweep", parameters);
        assertEquals("COMPLETED", JobWatch.awaitEnd(first));
        assertEquals("COMPLETED", JobWatch.awaitEnd(second));

        assertEquals(List.of(), rows.lettersWithBody(letters));
        assertEquals(List.of(), rows.parcels(parcels));
        assertErasedOnce(rows, "Letter", letters);
        assertErasedOnce(rows, "Parcel", parcels);
        // every row erased by one of them: together they erased each once
        assertEquals(60, erased(JobWatch.exitStatus(first)) + erased(JobWatch.exitStatus(second)),
                JobWatch.exitStatus(first) + " / " + JobWatch.exitStatus(second));
    }

    @Test
    void libertysBatchRestApiStartsTheJobAndServesItsLog() throws Exception {
        assumeTrue(batchServer(), "needs Jakarta Batch");
        Rows rows = new Rows(database);
        List<Long> letters = rows.letters(4000, 10, DUE);
        BatchRest rest = new BatchRest();

        JsonObject instance = rest.submit("custos-batch", "custos-retention-sweep",
                Json.createObjectBuilder().add("batchSize", "4").build());
        long instanceId = instance.getJsonNumber("instanceId").longValue();
        long execution = JobWatch.latestExecution(instanceId);
        assertEquals("COMPLETED", JobWatch.awaitEnd(execution));

        assertEquals(List.of(), rows.lettersWithBody(letters));
        assertErasedOnce(rows, "Letter", letters);
        String log = rest.jobLog(instanceId);
        assertTrue(log.contains("CUSTOS-05104: Retention sweep job job-" + instanceId + "-"), log);
    }

    private static void assertErasedOnce(Rows rows, String entity, List<Long> ids) throws Exception {
        Map<Long, Integer> logged = rows.logged(entity);
        Map<Long, Integer> audited = rows.audited(entity);
        List<String> wrong = new ArrayList<>();
        for (Long id : ids) {
            if (logged.getOrDefault(id, 0) != 1 || audited.getOrDefault(id, 0) != 1) {
                wrong.add(entity + " " + id + ": logged " + logged.get(id) + ", audited " + audited.get(id));
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static long erased(String exitStatus) {
        Matcher erased = Pattern.compile(" erased=(\\d+) ").matcher(exitStatus);
        assertTrue(erased.find(), exitStatus);
        return Long.parseLong(erased.group(1));
    }
}
