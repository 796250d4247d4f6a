// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.audit.ChainVerification;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.EntityIdList;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** One provider on one fresh database, with Custos started under pack dk on a clock the test sets. */
final class SweepFixture implements AutoCloseable {

    /** 2025-03-16 13:00 in Copenhagen. */
    static final Instant NOW = Instant.parse("2025-03-16T12:00:00Z");

    final TestDatabase db;
    final EntityManagerFactory emf;
    final SettableClock clock = new SettableClock(NOW);
    final CustosRuntime runtime;

    SweepFixture(JpaUnit unit) {
        this(unit, null, "dk", db -> Map.of());
    }

    /** Under another pack, which must have the rules the test model names. */
    static SweepFixture underPack(JpaUnit unit, String pack) {
        return new SweepFixture(unit, null, pack, db -> Map.of());
    }

    /** A fixture on the unit {@code <provider>-<variant>} of persistence.xml. */
    static SweepFixture onVariant(JpaUnit unit, String variant) {
        return new SweepFixture(unit, variant, "dk", db -> Map.of());
    }

    /** A fixture on the unit {@code <provider>-<variant>}, with more unit properties (a data source, say). */
    static SweepFixture onVariant(JpaUnit unit, String variant,
                                  java.util.function.Function<TestDatabase, Map<String, ?>> properties) {
        return new SweepFixture(unit, variant, "dk", properties);
    }

    private SweepFixture(JpaUnit unit, String variant, String pack,
                         java.util.function.Function<TestDatabase, Map<String, ?>> more) {
        db = TestDatabase.empty(unit.database());
        Map<String, Object> properties = new java.util.HashMap<>(more.apply(db));
        properties.put("custos.pack", pack);
        emf = variant == null ? unit.open(db, properties) : unit.openVariant(variant, db, properties);
        runtime = CustosJpa.start(variant == null ? unit.unitName() : unit.unitName() + "-" + variant, emf,
                db.dataSource(), clock);
    }

    /**
     * Stores the test's rows as the controller's own data load (a system caller, as a migration would run), so that
     * rows of every entity go in together whatever purposes their attributes declare.
     */
    void persist(Consumer<EntityManager> work) {
        try (dev.custos.jpa.access.ProcessingContext.Scope load = dev.custos.jpa.access.ProcessingContext.open(
                "data-load", dev.custos.jpa.access.Caller.system("test-data"))) {
            JpaUnit.inTransaction(emf, work);
        }
    }

    void consent(ConsentEvent event) throws SQLException {
        try (Connection c = db.transaction()) {
            new ConsentLedger(new SubjectKeys(clock), clock).record(c, event, "test");
            c.commit();
        }
    }

    void hold(String subjectId, String holdId) throws SQLException {
        try (Connection c = db.transaction()) {
            new LegalHoldStore().place(c, subjectId, Optional.empty(), Optional.empty(),
                    new LegalHold(holdId, "complaint-pending", NOW.minusSeconds(86_400), Optional.empty(), "test", ""));
            c.commit();
        }
    }

    long count(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    String text(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "<no row>";
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long erasureLog() throws SQLException {
        return count("SELECT COUNT(*) FROM custos_erasure_log");
    }

    /** The rows listed in ERASE records, each time it is listed. */
    long erasedRowsAudited() throws SQLException {
        return erasedIdsListed(null).size();
    }

    /**
     * The rows the ERASE records of {@code entity} list (every entity for null), as {@code entity/id}, a row once
     * for each time it is listed: a sweep's record lists the ids of its subject's rows in the batch
     * ({@link EntityIdList}).
     */
    List<String> erasedIdsListed(String entity) throws SQLException {
        List<String> listed = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT entity_name, entity_id FROM custos_audit_record"
                     + " WHERE action = 'ERASE'" + (entity == null ? "" : " AND entity_name = '" + entity + "'"))) {
            while (rs.next()) {
                for (String id : EntityIdList.ids(rs.getString(2))) {
                    listed.add(rs.getString(1) + "/" + id);
                }
            }
        }
        return listed;
    }

    /** Rows logged more than once, or listed in ERASE records more than once, for the same entity (should be 0). */
    long duplicates() throws SQLException {
        List<String> listed = erasedIdsListed(null);
        return count("SELECT COUNT(*) FROM (SELECT entity_name, entity_id, rule_id FROM custos_erasure_log"
                + " GROUP BY entity_name, entity_id, rule_id HAVING COUNT(*) > 1) d")
                + listed.size() - new HashSet<>(listed).size();
    }

    ChainVerification verifyWriteChain() throws SQLException {
        try (Connection c = db.transaction()) {
            return new AuditTrail(1, clock).verify(c);
        }
    }

    @Override
    public void close() throws Exception {
        emf.close();
        db.close();
    }

    /** A clock the test moves. */
    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
