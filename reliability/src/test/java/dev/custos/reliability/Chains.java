// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.SubjectKeys;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Chain verification as Custos does it: every audit chain that has a head, and the consent ledger's chain. */
final class Chains {

    private Chains() {
    }

    /** How many of the chains on {@code c}'s schema do not verify (should be 0); {@code c} may be read-only. */
    static long broken(Connection c) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet chains = s.executeQuery("SELECT chain_id FROM custos_audit_head")) {
            while (chains.next()) {
                ids.add(chains.getInt(1));
            }
        }
        Clock clock = Clock.systemUTC();
        long broken = 0;
        for (int id : ids) {
            broken += new AuditTrail(id, clock).verify(c).intact() ? 0 : 1;
        }
        return broken + (new ConsentLedger(new SubjectKeys(clock), clock).verify(c).intact() ? 0 : 1);
    }
}
