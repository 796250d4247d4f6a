// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.health;

import dev.custos.cdi.CustosUnits;
import dev.custos.jpa.CustosRuntime;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * For HealthIT, which runs as a client: GET says which unit Custos protects, with which pack, and where its metrics
 * go; POST drops Custos' schema history and audit heads, as a database without Custos' tables has them.
 */
@WebServlet("/state")
public class StateServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    CustosUnits units;

    @Resource(lookup = "jdbc/custos")
    DataSource database;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CustosRuntime runtime = units.runtime();
        response.setContentType("text/plain");
        response.getWriter().print(runtime.unitName() + " pack=" + runtime.pack().id() + " metrics="
                + runtime.metrics().getClass().getSimpleName());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE custos_audit_head");
            s.execute("DROP TABLE custos_schema_history");
        } catch (SQLException e) {
            throw new IOException(e);
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
