// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.wildfly;

import dev.custos.it.WarLibraries;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test WARs on PostgreSQL: the data source comes with the WAR ({@code WEB-INF/custos-ds.xml}, over the driver the
 * build put into the server's deployments folder), in a schema of its own that is emptied first, so that every run
 * starts from no Custos tables, as a new application does.
 */
final class PostgresDeployments {

    /** The schema the data source's connections use ({@code currentSchema}). */
    static final String SCHEMA = "custos_wildfly_it";
    static final String JNDI_NAME = "java:jboss/datasources/CustosPostgres";

    private PostgresDeployments() {
    }

    /** A WAR with sdk-cdi in WEB-INF/lib, beans.xml, the PostgreSQL data source and a fresh schema for it. */
    static WebArchive war(String name) {
        recreateSchema();
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClass(WarLibraries.class)
                .addAsWebInfResource(new StringAsset(dataSource()), "custos-ds.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsLibraries(WarLibraries.sdkCdiRuntime());
    }

    private static String url() {
        return System.getProperty("custos.it.pg.url") + "?currentSchema=" + SCHEMA;
    }

    private static String dataSource() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <datasources xmlns="urn:jboss:domain:datasources:7.0">
                  <datasource jndi-name="%s" pool-name="CustosPostgres">
                    <connection-url>%s</connection-url>
                    <driver>postgresql.jar</driver>
                    <security user-name="%s"/>
                  </datasource>
                </datasources>
                """.formatted(JNDI_NAME, url(), System.getProperty("custos.it.pg.user"));
    }

    private static void recreateSchema() {
        try (Connection c = DriverManager.getConnection(System.getProperty("custos.it.pg.url"),
                System.getProperty("custos.it.pg.user"), "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + System.getProperty("custos.it.pg.url")
                    + " is needed for the WildFly tests", e);
        }
    }
}
