// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.concurrent.Callable;

/**
 * Steps outside the caller's JTA transaction the portable way, through the container's {@code @Transactional}
 * interceptor: {@link #outside} suspends it, {@link #inNewTransaction} suspends it and runs in a new one, rolled
 * back when the work throws anything. This works whoever the caller is, a CDI bean or a session bean with
 * container-managed transactions (which may not look up {@code UserTransaction}). Without JTA (Java SE with Weld)
 * the annotations do nothing and the work simply runs.
 */
@ApplicationScoped
public class TransactionIsolation {

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public <T> T outside(Callable<T> work) throws Exception {
        return work.call();
    }

    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public <T> T inNewTransaction(Callable<T> work) throws Exception {
        return work.call();
    }
}
