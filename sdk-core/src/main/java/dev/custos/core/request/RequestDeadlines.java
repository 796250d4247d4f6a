// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.request;

import dev.custos.core.CustosException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes the deadlines of GDPR Art. 12(3): an answer is due within one month of receipt, and the
 * controller may extend that by two further months.
 * <p>
 * Months are counted as Regulation (EEC, Euratom) No 1182/71 Art. 3 counts them: the day of receipt does
 * not count, and a period of months ends at the end of the day in the last month that has the same date as
 * the day of receipt, or at the end of that month's last day if it has no such date. So a request received
 * on 31 January is due by the end of 28 February (29 in a leap year), one received on 15 March by the end
 * of 15 April. Dates are taken in the controller's time zone, and a deadline expires when the next day
 * starts in that zone, which is correct across daylight-saving changes.
 * <p>
 * Art. 3(4) of 1182/71 moves a period that ends on a public holiday, Saturday or Sunday to the next working
 * day. Custos does not apply it: it only ever makes the deadline later, so ignoring it keeps the answer on
 * the safe side, and it would need a holiday calendar per country.
 * <p>
 * Stateless and thread-safe.
 */
public final class RequestDeadlines {

    /** The basis of the one-month deadline. */
    public static final String LEGAL_BASIS = "GDPR Art. 12(3)";

    /** The basis of the extended deadline. */
    public static final String EXTENDED_BASIS = "GDPR Art. 12(3), extended by two further months";

    /** The basis of a shorter deadline promised by a policy pack, followed by the ISO-8601 period. */
    public static final String PROMISE_BASIS_PREFIX = "policy pack: answered within ";

    private static final int LEGAL_MONTHS = 1;
    private static final int EXTENDED_MONTHS = LEGAL_MONTHS + 2;

    private RequestDeadlines() {
    }

    /**
     * The deadline for a request received at {@code receivedAt}: one calendar month, or the period a policy
     * pack promises if that ends earlier. The Norwegian seed, for example, promises {@code P30D}, which is
     * shorter than January but longer than February.
     *
     * @param receivedAt     when the request arrived
     * @param zone           the controller's time zone, for example {@code Europe/Copenhagen}
     * @param promisedWithin a period the policy pack promises to answer within, counted like the month from
     *                       the day of receipt; empty for the legal month alone
     * @return the earlier of the two; the legal month when both end on the same day
     * @throws CustosException if the promised period is zero or negative
     */
    public static Deadline deadline(Instant receivedAt, ZoneId zone, Optional<Period> promisedWithin) {
        Objects.requireNonNull(promisedWithin, "promisedWithin");
        LocalDate received = receivedDate(receivedAt, zone);
        Deadline legal = endOf(received.plusMonths(LEGAL_MONTHS), zone, LEGAL_BASIS);
        if (promisedWithin.isEmpty()) {
            return legal;
        }
        Period promise = promisedWithin.get();
        // A zero period is refused too: it would make every request due on the day it arrives, which is
        // far more likely a policy typo than a promise.
        if (promise.isZero() || promise.isNegative()) {
            throw new CustosException(RequestMessages.promiseNotPositive(promise.toString()));
        }
        LocalDate promised = received.plus(promise);
        return promised.isBefore(legal.lastDay()) ? endOf(promised, zone, PROMISE_BASIS_PREFIX + promise) : legal;
    }

    /**
     * The extended deadline: the legal month plus two further months, which is three months from the day of
     * receipt (31 January gives the end of 30 April). A policy promise does not shorten it; the promise
     * only limits whether the extension is still possible, see {@link DataSubjectRequest#extend}.
     */
    public static Deadline extended(Instant receivedAt, ZoneId zone) {
        // Three months from receipt in one step, not one month and then two: 31 January + 1 month is
        // 28 February, and adding two months to that would lose two days (28 April instead of 30 April).
        LocalDate received = receivedDate(receivedAt, zone);
        return endOf(received.plusMonths(EXTENDED_MONTHS), zone, EXTENDED_BASIS);
    }

    /** The date of receipt in the controller's time zone, from which every period is counted. */
    public static LocalDate receivedDate(Instant receivedAt, ZoneId zone) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(zone, "zone");
        return LocalDate.ofInstant(receivedAt, zone);
    }

    private static Deadline endOf(LocalDate lastDay, ZoneId zone, String basis) {
        // atStartOfDay(zone) rather than adding 24 hours: days around a DST change last 23 or 25 hours.
        return new Deadline(lastDay, lastDay.plusDays(1).atStartOfDay(zone).toInstant(), basis);
    }
}
