// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.audit;

import dev.custos.core.CustosException;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.OwnTransaction;
import dev.custos.jpa.internal.SanitizedCause;
import dev.custos.jpa.internal.store.AuditPartitionStore;
import dev.custos.jpa.internal.store.StoreMessages;
import dev.custos.jpa.tx.Failures;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates the monthly partitions of the audit trail ahead of time on PostgreSQL, where {@code custos_audit_record} is
 * partitioned by month of {@code occurred_at} (schema version 13): the current month's and the next
 * {@value #MONTHS_AHEAD}, in UTC. Custos calls it when a unit starts, and the CDI layer daily; records of a month
 * without its partition land in the default partition, which the audit trail's retention never drops. Idempotent and
 * safe on several servers at once (the database serialises the creators). Does nothing on other databases.
 * Thread-safe.
 */
public final class AuditPartitions {

    /** Months created after the current one. */
    public static final int MONTHS_AHEAD = 3;

    private static final System.Logger LOG = System.getLogger(AuditPartitions.class.getName());

    private final CustosRuntime runtime;
    private final AuditPartitionStore store = new AuditPartitionStore();

    public AuditPartitions(CustosRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /**
     * Creates the partitions of the current month and the next {@value #MONTHS_AHEAD} that do not exist, in a
     * transaction of its own, and returns the names of all of them (empty on a database without partitions). A month
     * whose records already went to the default partition gets none, with a WARNING ({@code CUSTOS-04270}).
     *
     * @throws CustosException {@code CUSTOS-04271} when the database fails
     */
    public List<String> createAhead() {
        YearMonth now = YearMonth.from(runtime.clock().instant().atOffset(ZoneOffset.UTC));
        // asked on a connection of its own, so that on other databases no transaction is begun at all
        try (Connection connection = runtime.dataSource().getConnection()) {
            if (!AuditPartitionStore.partitioned(connection)) {
                return List.of();
            }
        } catch (SQLException e) {
            throw new CustosException(StoreMessages.partitionsFailed(SanitizedCause.describe(e)), e);
        }
        return OwnTransaction.run(runtime, StoreMessages::partitionsFailed, c -> {
            List<String> names = new ArrayList<>();
            for (int ahead = 0; ahead <= MONTHS_AHEAD; ahead++) {
                YearMonth month = now.plusMonths(ahead);
                Optional<String> created = store.create(c, month);
                if (created.isPresent()) {
                    names.add(created.get());
                } else {
                    LOG.log(System.Logger.Level.WARNING, StoreMessages.partitionLeftInDefault(month.toString())
                            .toString());
                }
            }
            return names;
        });
    }

    /** As {@link #createAhead()}, for a scheduler or a unit's start: a failure is logged as an ERROR line. */
    public List<String> createAheadOrLog() {
        try {
            return createAhead();
        } catch (CustosException e) {
            LOG.log(System.Logger.Level.ERROR, e.detail().toString());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, StoreMessages.partitionsFailed(Failures.describe(e)).toString());
        }
        return List.of();
    }
}
