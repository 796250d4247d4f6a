// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testing;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A data source that can be made to refuse connections, as a database outage would. */
public final class SwitchableDataSource extends TestDataSource {

    private final DataSource delegate;
    private volatile boolean down;

    public SwitchableDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    public void goDown() {
        down = true;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down) {
            throw new SQLException("Connection refused (simulated outage)", "08001");
        }
        return delegate.getConnection();
    }
}
