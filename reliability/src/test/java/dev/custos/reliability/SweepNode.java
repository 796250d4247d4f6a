// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One application node on an existing database: sdk-jpa's test unit {@code hibernate} (tables already there)
 * with Custos started under pack dk on a fixed clock, the unit and Custos on one data source. Used in the test
 * JVM and in the child JVMs ({@link CrashSweepMain}, {@link SweepNodeMain}).
 */
final class SweepNode implements AutoCloseable {

    final EntityManagerFactory emf;
    final CustosRuntime runtime;

    SweepNode(String url, Instant now) {
        this(url, now, UnaryOperator.identity());
    }

    /** With the data source wrapped by {@code wrap}, for the unit's connections and Custos' own alike. */
    SweepNode(String url, Instant now, UnaryOperator<DataSource> wrap) {
        DataSource ds = wrap.apply(dataSource(url));
        emf = Persistence.createEntityManagerFactory("hibernate", Map.of(
                "jakarta.persistence.nonJtaDataSource", ds,
                "jakarta.persistence.jdbc.url", url,
                "jakarta.persistence.jdbc.driver", "org.postgresql.Driver",
                "jakarta.persistence.jdbc.user", "postgres",
                "jakarta.persistence.jdbc.password", "",
                "custos.pack", "dk"));
        runtime = CustosJpa.start("hibernate", emf, ds, Clock.fixed(now, ZoneOffset.UTC));
    }

    static DataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        return ds;
    }

    @Override
    public void close() {
        emf.close();
    }
}
