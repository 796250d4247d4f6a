// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testing;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Works around a defect of Hibernate ORM 7.4's community {@code DerbyDialect}: a query under
 * {@code PESSIMISTIC_WRITE} ends in {@code for update with rs with rs}, which Derby refuses as a syntax error
 * (its lock string and its locking clause both append {@code with rs}; reported against Open Liberty as
 * OpenLiberty/open-liberty#33535). Custos' sweep locks its batches that way, so the Hibernate 7 cells on Derby
 * name this inspector ({@link JpaUnit}); docs/jpa-guide.md gives applications the same advice.
 */
public final class DerbyLockClause implements StatementInspector {

    private static final long serialVersionUID = 1L;

    @Override
    public String inspect(String sql) {
        return sql.endsWith(" with rs with rs") ? sql.substring(0, sql.length() - " with rs".length()) : sql;
    }
}
