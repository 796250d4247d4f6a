// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.internal.store.LegalHoldStore;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows {@link ThreeServersTest} seeds into the Danish clinic's schema, next to the demo data: clients of the
 * sample clinic ({@code Client}, name and e-mail under the pack's rule {@code journal}, five years after the last
 * entry) with one journal entry each ({@code JournalEntry}, its text under the same rule, the clock derived from the
 * client's latest entry). Of every 10 clients, 6 are due (last entry six years ago), 3 are live (a year ago: the load
 * driver reads, writes and gives and withdraws consent for them) and 1 is due but under a legal hold.
 */
final class ClinicRows {

    /** The Danish clinic's schema (sample-app's db-postgresql.xml), where its tables and Custos' live. */
    static final String SCHEMA = "clinic_danish";
    /** The clinician of the seeded clients, a user of the clinic's server. */
    static final String CLINICIAN = "mette";
    /** Seeded journal entries' ids start here, far above the ids the clinic's JPA provider hands out. */
    static final long FIRST_ENTRY = 1_000_000_000L;

    private ClinicRows() {
    }

    static String id(int i) {
        int kind = i % 10;
        return (kind < 6 ? "load-due-" : kind < 9 ? "load-live-" : "load-held-") + i;
    }

    static boolean due(String clientId) {
        return clientId.startsWith("load-due-");
    }

    /** The due rows among {@code clients} seeded clients: each due client and its journal entry. */
    static long dueRows(int clients) {
        long due = 0;
        for (int i = 0; i < clients; i++) {
            due += due(id(i)) ? 2 : 0;
        }
        return due;
    }

    /** The live clients, whom the load driver works on. */
    static List<String> live(int clients) {
        List<String> live = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            if (id(i).startsWith("load-live-")) {
                live.add(id(i));
            }
        }
        return live;
    }

    /** Inserts {@code clients} clients with their entries and places the holds, dated from {@code now}, in one go. */
    static void seed(Connection c, int clients, Instant now) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        try (PreparedStatement client = c.prepareStatement("INSERT INTO client (id, name, email, treatingclinician,"
                + " lastentry) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement entry = c.prepareStatement("INSERT INTO journalentry (id, version, clientid, clinician,"
                     + " writtenon, kind, text) VALUES (?, 0, ?, ?, ?, 'SESSION_NOTE', ?)")) {
            for (int i = 0; i < clients; i++) {
                String id = id(i);
                Date last = Date.valueOf(id.startsWith("load-live-") ? today.minusYears(1) : today.minusYears(6));
                client.setString(1, id);
                client.setString(2, "Client " + i);
                client.setString(3, "client" + i + "@example.org");
                client.setString(4, CLINICIAN);
                client.setDate(5, last);
                client.addBatch();
                entry.setLong(1, FIRST_ENTRY + i);
                entry.setString(2, id);
                entry.setString(3, CLINICIAN);
                entry.setDate(4, last);
                entry.setString(5, "Session note " + i);
                entry.addBatch();
                if (i % 1000 == 999) {
                    client.executeBatch();
                    entry.executeBatch();
                }
            }
            client.executeBatch();
            entry.executeBatch();
        }
        LegalHoldStore holds = new LegalHoldStore();
        for (int i = 9; i < clients; i += 10) {
            holds.place(c, id(i), Optional.empty(), Optional.empty(), new LegalHold("hold-" + i, "complaint-pending",
                    now.minusSeconds(86_400), Optional.empty(), "reliability", ""));
        }
    }
}
