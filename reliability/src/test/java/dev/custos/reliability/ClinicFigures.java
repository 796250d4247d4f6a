// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import dev.custos.jpa.internal.store.SubjectKeys;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link ThreeServersTest} checks, read from the clinic's database after the servers stopped; nothing is taken
 * from the servers' or the load driver's word. A row is due when it is a seeded due client ({@link ClinicRows}) or
 * one of its journal entries. The erasure log and the {@code ERASE} audit records name a {@code Client} row by its
 * subject's pseudonym and a {@code JournalEntry} row by its id.
 *
 * @param doubles               log entries and {@code ERASE} listings of a row beyond its first
 * @param missed                due rows still holding data, or erased without a log entry or an {@code ERASE} listing
 * @param readsAfterWithdrawal  permitted reads for the purpose {@code gp-disclosure} (audit trail) at a time when the
 *                              subject's last consent event for it before the read (ledger, recorded_at) was not a
 *                              consent given: a withdrawal, or none
 * @param brokenChains          audit chains and the consent ledger's chain that do not verify
 * @param wrong                 rows not due (live, held, the demo data) that were nulled, logged or listed
 */
record ClinicFigures(long doubles, long missed, long readsAfterWithdrawal, long brokenChains, long wrong, long due,
                     long permittedReads, long refusedReads, long withdrawals) {

    /** The purpose whose reads need the client's consent (the Danish pack), and that the load withdraws. */
    static final String PURPOSE = "gp-disclosure";

    static ClinicFigures of(Connection c) throws SQLException {
        Map<String, Boolean> rows = new HashMap<>(); // entity/id -> whether it is due
        Map<String, Boolean> holding = new HashMap<>(); // entity/id -> whether it still holds personal data
        Set<String> clients = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name IS NOT NULL"
                + " OR email IS NOT NULL FROM client")) {
            while (rs.next()) {
                clients.add(rs.getString(1));
                holding.put("Client/" + rs.getString(1), rs.getBoolean(2));
            }
        }
        Map<String, String> refs = new SubjectKeys(Clock.systemUTC()).existingPseudonyms(c, clients);
        Map<String, String> keyOf = new HashMap<>(); // the row's name in the log and the audit -> the row
        for (String id : clients) {
            rows.put("Client/" + id, ClinicRows.due(id));
            keyOf.put("Client/" + refs.getOrDefault(id, id), "Client/" + id);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, clientid, text IS NOT NULL"
                + " FROM journalentry")) {
            while (rs.next()) {
                String row = "JournalEntry/" + rs.getLong(1);
                rows.put(row, ClinicRows.due(rs.getString(2)));
                holding.put(row, rs.getBoolean(3));
                keyOf.put(row, row);
            }
        }
        Map<String, Integer> logged = counts(values(c, "SELECT entity_name || '/' || entity_id"
                + " FROM custos_erasure_log"), keyOf);
        Map<String, Integer> listed = counts(ClientRows.listedErasures(c, true), keyOf);
        long doubles = 0;
        for (Map<String, Integer> entries : List.of(logged, listed)) {
            doubles += entries.values().stream().mapToLong(n -> n - 1L).sum();
        }
        long missed = 0;
        long wrong = 0;
        long due = 0;
        for (Map.Entry<String, Boolean> row : rows.entrySet()) {
            boolean touched = !holding.get(row.getKey()) || logged.containsKey(row.getKey())
                    || listed.containsKey(row.getKey());
            if (row.getValue()) {
                due++;
                missed += holding.get(row.getKey()) || !logged.containsKey(row.getKey())
                        || !listed.containsKey(row.getKey()) ? 1 : 0;
            } else if (touched) {
                wrong++;
            }
        }
        // entries naming no row of either table (a Client or JournalEntry row that vanished) are wrong as well
        for (Map<String, Integer> entries : List.of(logged, listed)) {
            wrong += entries.keySet().stream().filter(k -> !rows.containsKey(k) && isClinical(k)).count();
        }
        return new ClinicFigures(doubles, missed, readsAfterWithdrawal(c), Chains.broken(c), wrong, due,
                ClientRows.count(c, "SELECT COUNT(*) FROM custos_audit_record WHERE action = 'READ' AND purpose = '"
                        + PURPOSE + "'"),
                ClientRows.count(c, "SELECT COUNT(*) FROM custos_audit_record WHERE action = 'READ_DENIED'"
                        + " AND purpose = '" + PURPOSE + "'"),
                ClientRows.count(c, "SELECT COUNT(*) FROM custos_consent_event WHERE event_type = 'WITHDRAWN'"
                        + " AND purpose = '" + PURPOSE + "'"));
    }

    /**
     * Permitted reads whose subject's latest consent event for the purpose, recorded at or before the read, is not
     * GIVEN. Both times come from the servers' clocks (one machine's clock, the demo offset the same on every server
     * whenever the load runs), and the driver never overlaps a subject's reads with its consent changes: a read that
     * began before a withdrawal committed may rightly see the consent, and would be dated after the ledger's stamp.
     */
    static long readsAfterWithdrawal(Connection c) throws SQLException {
        return ClientRows.count(c, "SELECT COUNT(*) FROM custos_audit_record r WHERE r.action = 'READ'"
                + " AND r.purpose = '" + PURPOSE + "' AND COALESCE((SELECT e.event_type FROM custos_consent_event e"
                + " WHERE e.subject_ref = r.subject_ref AND e.purpose = r.purpose AND e.recorded_at <= r.occurred_at"
                + " ORDER BY e.recorded_at DESC, e.event_seq DESC LIMIT 1), 'NONE') <> 'GIVEN'");
    }

    private static boolean isClinical(String key) {
        return key.startsWith("Client/") || key.startsWith("JournalEntry/");
    }

    /** How often each row is named, by the row ({@code keyOf}) or, for a name of no known row, by the name. */
    private static Map<String, Integer> counts(List<String> names, Map<String, String> keyOf) {
        Map<String, Integer> counts = new HashMap<>();
        names.forEach(name -> counts.merge(keyOf.getOrDefault(name, name), 1, Integer::sum));
        return counts;
    }

    private static List<String> values(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** The figures line {@link ThreeServersTest} prints, and asserts to be all zeros. */
    String result(int servers) {
        return "servers=" + servers + " double_erasures=" + doubles + " missed_erasures=" + missed
                + " reads_after_withdrawal=" + readsAfterWithdrawal + " broken_chains=" + brokenChains;
    }

    /**
     * Checks a database kept by {@code -Dcustos.reliability.servers.keep=true} again: {@code args[0]} is its JDBC
     * URL, such as {@code jdbc:postgresql://127.0.0.1:5432/custos_three_x?currentSchema=clinic_danish&user=postgres}.
     */
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0])) {
            ClinicFigures figures = of(c);
            Sizes.result(figures.result(3));
            System.out.println(figures);
        }
    }
}
