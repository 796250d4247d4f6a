// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;

/** What a server would provide: the unit's database (a fresh in-memory Derby) and its factory. */
@ApplicationScoped
public class ClinicResources {

    @Produces
    @ApplicationScoped
    DataSource dataSource() {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:cdi-" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
        return dataSource;
    }

    @Produces
    @ApplicationScoped
    EntityManagerFactory factory(DataSource dataSource) {
        return Persistence.createEntityManagerFactory("clinic",
                Map.of("jakarta.persistence.nonJtaDataSource", dataSource));
    }

    void close(@Disposes EntityManagerFactory factory) {
        factory.close();
    }
}
