// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.tx;

import dev.custos.core.CustosException;
import dev.custos.core.SafeCause;
import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.internal.SanitizedCause;

/**
 * Failures reported as Custos reports its own, for {@link Transactions} implementations and integrations (sdk-cdi's
 * container transactions, its scheduled sweep): without any text a driver, a provider or application code wrote,
 * which may carry a row's personal data. Stateless.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * The failure for a message or log line: its exception classes, a Custos message id, and of a database error
     * its SQLState, vendor code and the violated constraint's or column's name; never a driver's message.
     */
    public static SafeCause describe(Throwable failure) {
        return SanitizedCause.describe(failure);
    }

    /** What to throw when a transaction of Custos' own failed and was rolled back: {@code CUSTOS-04425}. */
    public static CustosException transactionFailed(Exception cause) {
        return new CustosException(JpaMessages.unitTransactionFailed(SanitizedCause.describe(cause)), cause);
    }
}
