// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa;

import dev.custos.core.Message;
import dev.custos.jpa.audit.AuditQueries;
import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.internal.SanitizedCause;
import dev.custos.jpa.internal.StoreBackedAudit;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.schema.CustosSchema;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether Custos can work on a unit now: its schema is at the version this release needs, its policy pack is
 * there, and the heads of its audit chains can be read. For readiness checks (sdk-cdi's MicroProfile Health check
 * uses it); each call reads the database, so call it when asked, not per request. Names no person: the problems
 * carry the unit, a version or a chain, and a database error only as {@link SanitizedCause} describes it.
 *
 * @param unit          the persistence unit
 * @param enabled       false when Custos is switched off for the unit: then nothing is checked, and it is ready
 * @param schemaVersion the schema version found, empty when it could not be read (or Custos is switched off)
 * @param packId        the pack in force, empty when it could not be read (or Custos is switched off)
 * @param problems      why Custos is not ready, each with its id ({@code CUSTOS-04533} to {@code CUSTOS-04536})
 */
public record UnitReadiness(String unit, boolean enabled, Optional<Integer> schemaVersion, Optional<String> packId,
                            List<Message> problems) {

    /** The audit chains whose heads must be readable, by their name in {@link AuditQueries#verify()}. */
    private static final Map<String, Integer> CHAINS = new TreeMap<>(Map.of(AuditQueries.WRITES,
            StoreBackedAudit.WRITE_CHAIN, AuditQueries.READS, StoreBackedAudit.READ_CHAIN));

    public UnitReadiness {
        problems = List.copyOf(problems);
    }

    /** Whether Custos can work on the unit: no problem found. */
    public boolean ready() {
        return problems.isEmpty();
    }

    /** Checks {@code runtime}'s unit now; never throws for what it finds wrong, it reports it. */
    public static UnitReadiness check(CustosRuntime runtime) {
        String unit = runtime.unitName();
        if (!runtime.enabled()) {
            return new UnitReadiness(unit, false, Optional.empty(), Optional.empty(), List.of());
        }
        List<Message> problems = new ArrayList<>();
        Optional<Integer> version = schemaVersion(runtime, problems);
        Optional<String> pack = Optional.empty();
        try {
            pack = Optional.of(runtime.pack().id());
        } catch (RuntimeException e) {
            problems.add(JpaMessages.packUnreadable(unit, SanitizedCause.describe(e)));
        }
        if (version.orElse(0) > 0) { // without the tables, each head would only repeat the schema's problem
            readHeads(runtime, problems);
        }
        return new UnitReadiness(unit, true, version, pack, problems);
    }

    private static Optional<Integer> schemaVersion(CustosRuntime runtime, List<Message> problems) {
        int found;
        try {
            found = CustosSchema.appliedVersion(runtime.dataSource());
        } catch (RuntimeException e) {
            problems.add(JpaMessages.schemaUnreadable(runtime.unitName(), SanitizedCause.describe(e)));
            return Optional.empty();
        }
        if (found < CustosSchema.LATEST_VERSION) {
            problems.add(JpaMessages.schemaBehind(runtime.unitName(), Integer.toString(found),
                    Integer.toString(CustosSchema.LATEST_VERSION)));
        }
        return Optional.of(found);
    }

    private static void readHeads(CustosRuntime runtime, List<Message> problems) {
        for (Map.Entry<String, Integer> chain : CHAINS.entrySet()) {
            try (Connection connection = runtime.dataSource().getConnection()) {
                new AuditTrail(chain.getValue(), runtime.clock()).head(connection);
            } catch (Exception e) { // NOPMD: whatever keeps the head from being read makes the unit not ready
                problems.add(JpaMessages.chainHeadUnreadable(runtime.unitName(), chain.getKey(),
                        SanitizedCause.describe(e)));
            }
        }
    }
}
