// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import jakarta.persistence.EntityManager;
import java.sql.Connection;

/**
 * One transaction of request execution: an entity manager and the JDBC connection whose statements belong to the
 * same transaction, so that the SDK's stores (requests, ledger, audit) write together with JPQL updates of the
 * application's tables: a rollback leaves neither, and a failed audit fails the change. The runtime's
 * {@link dev.custos.jpa.tx.Transactions} begins and ends it.
 */
record UnitOfWork(EntityManager em, Connection connection) {
}
