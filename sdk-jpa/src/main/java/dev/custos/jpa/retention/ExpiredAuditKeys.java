// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.CustosException;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.SanitizedCause;
import dev.custos.jpa.internal.store.SubjectKeys;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The sweep's last step: destroys the pseudonym keys of erased subjects whose audit identity has run out. Where
 * the policy pack requires the audit to keep identifying an erased subject for a while ({@code <audit-identity>}),
 * an erasure request schedules the key's destruction instead of destroying it
 * ({@link SubjectKeys#scheduleShred}); this deletes the keys whose date has passed, set-based, {@code batchSize}
 * at a time, each batch in a transaction of its own, so a crash loses at most the open batch and the next sweep
 * finishes it. From then on the audit records of those subjects no longer identify them. Thread-safe.
 */
final class ExpiredAuditKeys {

    private final CustosRuntime runtime;
    private final SubjectKeys keys;

    ExpiredAuditKeys(CustosRuntime runtime) {
        this.runtime = runtime;
        this.keys = new SubjectKeys(runtime.clock());
    }

    /**
     * Destroys every key due at {@code now}, or, in a dry run, counts them.
     *
     * @return the keys destroyed (would be destroyed)
     * @throws CustosException {@code CUSTOS-04690} when a batch fails; it is rolled back, earlier batches stay
     */
    long destroy(Instant now, int batchSize, boolean dryRun) {
        long[] destroyed = new long[1];
        try {
            return runtime.transactions().inOwnTransaction(runtime.dataSource(), connection -> {
                if (dryRun) {
                    return keys.countDue(connection, now);
                }
                for (int batch = batchSize; batch == batchSize; ) {
                    batch = keys.shredDue(connection, now, batchSize);
                    connection.commit(); // each batch stands alone: a failure later keeps what went before
                    destroyed[0] += batch;
                }
                return destroyed[0];
            });
        } catch (SQLException | CustosException e) {
            throw new CustosException(SweepMessages.auditKeysFailed(Long.toString(destroyed[0]),
                    SanitizedCause.describe(e)),
                    e);
        }
    }
}
