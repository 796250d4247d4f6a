// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.concurrent.Callable;

/**
 * Runs work with the caller's JTA transaction suspended: the portable way to step outside it. Without JTA (Java
 * SE with Weld) the annotation does nothing and the work simply runs.
 */
@ApplicationScoped
public class TransactionIsolation {

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public <T> T outside(Callable<T> work) throws Exception {
        return work.call();
    }
}
