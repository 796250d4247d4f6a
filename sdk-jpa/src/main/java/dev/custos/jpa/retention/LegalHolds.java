// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.CustosException;
import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.internal.OwnTransaction;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.HoldAudit;
import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.tx.Transactions;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Legal holds for one persistence unit, for Java SE code: a hold keeps a subject's data (or one record) whatever
 * its retention says until it is released, for a reason of the active policy pack (such as
 * {@code legal-claims}). Placing and releasing are each one transaction of their own that stores the hold in
 * {@code custos_legal_hold} and writes its audit record ({@code HOLD_PLACED}, {@code HOLD_RELEASED}) naming the
 * current caller ({@link CustosRuntime#currentCaller()}), refused to a caller in a read-only role; sdk-cdi's
 * {@code RetentionService} delegates here.
 * Thread-safe.
 */
public final class LegalHolds {

    private final CustosRuntime runtime;
    private final HoldAudit holds;

    public LegalHolds(CustosRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        runtime.requireEnabled();
        this.holds = new HoldAudit(runtime);
    }

    /**
     * Places a hold on all of the subject's data, or on every {@code entityName}, or on one record when
     * {@code entityId} is given too, and audits it.
     *
     * @param reasonId a hold reason of the active pack
     * @param note     why, for the people who later release it; may be empty
     * @return the hold, with its new id
     * @throws CustosException {@code CUSTOS-04550} for a reason the pack does not have (nothing is stored),
     *                         {@code CUSTOS-04212} for an entity id without an entity name
     * @throws dev.custos.jpa.access.AccessRefusedException {@code CUSTOS-04260} for a caller in a read-only role
     */
    public LegalHold place(String subjectId, Optional<String> entityName, Optional<String> entityId, String reasonId,
                           String note) {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(reasonId, "reasonId");
        runtime.refuseReadOnlyCaller("place a legal hold");
        holds.requireReason(reasonId);
        LegalHold hold = new LegalHold(UUID.randomUUID().toString(), reasonId, runtime.clock().instant(),
                Optional.empty(), runtime.currentCaller().name(), Objects.requireNonNull(note, "note"));
        inTransaction(c -> {
            holds.place(c, subjectId, entityName, entityId, hold, "", "");
            return null;
        });
        return hold;
    }

    /**
     * Releases hold {@code holdId} now, in the current caller's name, and audits it.
     *
     * @return false, and nothing audited, if there is no such hold in force
     * @throws dev.custos.jpa.access.AccessRefusedException {@code CUSTOS-04260} for a caller in a read-only role
     */
    public boolean release(String holdId) {
        Objects.requireNonNull(holdId, "holdId");
        runtime.refuseReadOnlyCaller("release a legal hold");
        String by = runtime.currentCaller().name();
        return inTransaction(c -> holds.release(c, holdId, by));
    }

    private <T> T inTransaction(Transactions.SqlWork<T> work) {
        return OwnTransaction.run(runtime, JpaMessages::holdsFailed, work);
    }
}
