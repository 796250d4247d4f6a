// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.batch;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** BatchSweepIT's rows, written and read with SQL (past Custos, as a loader or an auditor would). */
final class Rows {

    private final DataSource database;

    Rows(DataSource database) {
        this.database = database;
    }

    /** Letters {@code first} to {@code first + count - 1}, sent on {@code sent}. */
    List<Long> letters(long first, int count, LocalDate sent) throws SQLException {
        return insert("INSERT INTO batch_letter (id, subject_id, sent_on, body) VALUES (?, ?, ?, ?)", first, count,
                sent);
    }

    /** Parcels {@code first} to {@code first + count - 1}, shipped on {@code shipped}. */
    List<Long> parcels(long first, int count, LocalDate shipped) throws SQLException {
        return insert("INSERT INTO batch_parcel (id, subject_id, shipped_on, address) VALUES (?, ?, ?, ?)", first,
                count, shipped);
    }

    private List<Long> insert(String sql, long first, int count, LocalDate anchor) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = database.getConnection(); PreparedStatement insert = c.prepareStatement(sql)) {
            for (long id = first; id < first + count; id++) {
                insert.setLong(1, id);
                insert.setString(2, "customer-" + id);
                insert.setDate(3, Date.valueOf(anchor));
                insert.setString(4, "personal " + id);
                insert.addBatch();
                ids.add(id);
            }
            insert.executeBatch();
        }
        return ids;
    }

    /** Of {@code ids}, the letters whose body is still there. */
    List<Long> lettersWithBody(List<Long> ids) throws SQLException {
        return present("SELECT id FROM batch_letter WHERE body IS NOT NULL", ids);
    }

    /** Of {@code ids}, the parcels still there. */
    List<Long> parcels(List<Long> ids) throws SQLException {
        return present("SELECT id FROM batch_parcel", ids);
    }

    private List<Long> present(String sql, List<Long> ids) throws SQLException {
        List<Long> found = new ArrayList<>();
        for (String id : column(sql)) {
            if (ids.contains(Long.valueOf(id))) {
                found.add(Long.valueOf(id));
            }
        }
        found.sort(null);
        return found;
    }

    /** Per row id of {@code entity}, how many erasure-log entries name it. */
    Map<Long, Integer> logged(String entity) throws SQLException {
        Map<Long, Integer> counts = new HashMap<>();
        for (String id : column("SELECT entity_id FROM custos_erasure_log WHERE entity_name = '" + entity + "'")) {
            counts.merge(Long.valueOf(id), 1, Integer::sum);
        }
        return counts;
    }

    /** Per row id of {@code entity}, how many times the ERASE audit records list it (each lists its batch's rows). */
    Map<Long, Integer> audited(String entity) throws SQLException {
        Map<Long, Integer> counts = new HashMap<>();
        for (String list : column("SELECT entity_id FROM custos_audit_record WHERE action = 'ERASE'"
                + " AND entity_name = '" + entity + "'")) {
            for (String id : list.split(",")) {
                counts.merge(Long.valueOf(id.strip()), 1, Integer::sum);
            }
        }
        return counts;
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = database.getConnection(); PreparedStatement select = c.prepareStatement(sql);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
