// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario 2 of issue #8: three sweeping nodes, each a JVM of its own ({@link SweepNodeMain}, with its own
 * persistence unit and Custos runtime, so its own lease holder), start together on one PostgreSQL schema and sweep
 * in slices of {@value #SLICE} batches until no due row is left (with skewed clocks they start one after the
 * other, each once the one before has erased a batch). No row is erased twice (audit, and the sum of what the
 * nodes erased), none is missed, none wrongly erased. The run must really be concurrent: at least two nodes
 * erased rows, and with the clocks skewed at least one node lost its lease mid-sweep or met rows another node
 * had logged.
 */
class ConcurrentSweepersTest {

    private static final int SWEEPERS = 3;
    private static final int BATCH = 100;
    private static final int SLICE = 3;

    private final int rows = Sizes.of("concurrent.rows", 2000);

    /** What one node did. */
    private record Node(long erased, long leaseRefused, long leaseLost, long alreadyErased, long failures,
                        List<String> output) {
    }

    /**
     * With {@code skewMinutes} 0 the lease lets one node sweep at a time; the nodes take turns between slices.
     * With 6, each node's clock is ahead of the previous one's by more than {@link RetentionSweeper#LEASE_TTL}, so
     * each takes over a lease the others still think is theirs and batches really run at the same time: then the
     * row locks and the erasure log's unique key are what keep erasures single.
     */
    @ParameterizedTest(name = "clock skew {0} min")
    @ValueSource(ints = {0, 6})
    void threeSweepingJvmsEraseEachDueRowOnce(int skewMinutes) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(TestDatabase.POSTGRESQL)) {
            new JpaUnit(JpaUnit.Provider.HIBERNATE, db.name()).open(db, Map.of("custos.pack", "dk")).close();
            ClientRows.seed(db, rows);
            List<Process> children = new ArrayList<>();
            ExecutorService readers = Executors.newFixedThreadPool(SWEEPERS);
            try {
                List<BufferedReader> outs = new ArrayList<>();
                for (int i = 0; i < SWEEPERS; i++) {
                    Process child = start(db, ClientRows.NOW.plus(Duration.ofMinutes((long) skewMinutes * i)));
                    children.add(child);
                    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                            StandardCharsets.UTF_8));
                    outs.add(out);
                }
                for (int i = 0; i < SWEEPERS; i++) {
                    List<String> seen = new ArrayList<>();
                    for (String line = outs.get(i).readLine(); !"READY".equals(line); line = outs.get(i).readLine()) {
                        assertThat(line).as("node %s never got ready: %s", i, seen).isNotNull();
                        seen.add(line);
                    }
                }
                // equal clocks: all at once. Skewed: node i+1 only once node i has erased a batch, so that each takes
                // over the lease of one that is sweeping (a node's release stamps the lease with its own clock,
                // so a node behind cannot take the lease back from one ahead: started together, the node ahead
                // would mostly sweep alone).
                List<List<String>> early = new ArrayList<>();
                for (int i = 0; i < SWEEPERS; i++) {
                    OutputStream in = children.get(i).getOutputStream();
                    in.write("GO\n".getBytes(StandardCharsets.UTF_8));
                    in.flush();
                    List<String> lines = new ArrayList<>();
                    early.add(lines);
                    if (skewMinutes > 0 && i < SWEEPERS - 1) {
                        for (String line = outs.get(i).readLine(); ; line = outs.get(i).readLine()) {
                            assertThat(line).as("node %s ended before it erased: %s", i, lines).isNotNull();
                            lines.add(line);
                            if (line.startsWith("ERASED ")) {
                                break;
                            }
                        }
                    }
                }
                List<Future<Node>> nodes = new ArrayList<>();
                for (int i = 0; i < SWEEPERS; i++) {
                    BufferedReader out = outs.get(i);
                    List<String> lines = early.get(i);
                    nodes.add(readers.submit(() -> read(lines, out)));
                }
                List<Node> done = new ArrayList<>();
                for (int i = 0; i < SWEEPERS; i++) {
                    Node node = nodes.get(i).get(30, TimeUnit.MINUTES);
                    assertThat(children.get(i).waitFor(1, TimeUnit.MINUTES)).isTrue();
                    assertThat(children.get(i).exitValue()).as("node %s: %s", i, node.output()).isZero();
                    assertThat(node.failures()).as("node %s: %s", i, node.output()).isZero();
                    done.add(node);
                }
                long reportedErased = done.stream().mapToLong(Node::erased).sum();
                long sweepingNodes = done.stream().filter(n -> n.erased() > 0).count();
                long lost = done.stream().mapToLong(Node::leaseLost).sum();
                long retried = done.stream().mapToLong(Node::alreadyErased).sum();
                long refused = done.stream().mapToLong(Node::leaseRefused).sum();
                long doubles = ClientRows.duplicateAudits(db) + Math.max(0, reportedErased - ClientRows.due(rows));
                long missed = ClientRows.missedErasures(db) + Math.max(0, ClientRows.due(rows) - reportedErased);
                long wrong = ClientRows.wrongErasures(db);
                Sizes.result("concurrent_sweepers=" + SWEEPERS + " double_erasures=" + doubles + " skew_min="
                        + skewMinutes + " lost=" + missed + " wrong_erasures=" + wrong + " rows=" + rows
                        + " erasing_nodes=" + sweepingNodes + " erased_per_node="
                        + done.stream().map(n -> Long.toString(n.erased())).toList() + " lease_refusals=" + refused
                        + " leases_lost=" + lost + " rows_found_logged=" + retried);
                assertThat(List.of(doubles, missed, wrong)).containsOnly(0L);
                assertThat(sweepingNodes).as("nodes that erased rows").isGreaterThanOrEqualTo(2);
                if (skewMinutes > 0) {
                    assertThat(lost + retried).as("leases lost plus rows found logged by another node").isPositive();
                }
            } finally {
                readers.shutdownNow();
                children.forEach(Process::destroyForcibly);
            }
        }
    }

    private static Process start(TestDatabase db, java.time.Instant now) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
                SweepNodeMain.class.getName(), db.url(), now.toString(), Integer.toString(BATCH),
                Integer.toString(SLICE)).redirectErrorStream(true).start();
    }

    /** Tallies a node's output: {@code early}, the lines read already, then the rest of {@code out}. */
    private static Node read(List<String> early, BufferedReader out) throws Exception {
        long erased = 0;
        long refused = 0;
        long lost = 0;
        long retried = 0;
        long failures = 0;
        List<String> output = new ArrayList<>();
        List<String> lines = new ArrayList<>(early);
        for (int i = 0; ; i++) {
            String line = i < lines.size() ? lines.get(i) : out.readLine();
            if (line == null) {
                break;
            }
            if (line.startsWith("ERASED ")) {
                erased += Long.parseLong(line.substring(7));
            } else if (line.startsWith("REPORT ")) {
                String[] parts = line.split(" ");
                refused += parts[1].equals("LEASE_HELD_ELSEWHERE") ? 1 : 0;
                lost += parts[1].equals("LEASE_LOST") ? 1 : 0;
                retried += Long.parseLong(parts[2].substring("alreadyErased=".length()));
                failures += Long.parseLong(parts[3].substring("failures=".length()));
                if (!List.of("COMPLETED", "LEASE_HELD_ELSEWHERE", "LEASE_LOST").contains(parts[1])) {
                    failures++;
                }
            }
            if (output.size() < 200) {
                output.add(line);
            }
        }
        return new Node(erased, refused, lost, retried, failures, output);
    }
}
