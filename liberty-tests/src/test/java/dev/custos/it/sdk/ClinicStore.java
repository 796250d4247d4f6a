// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.sdk;

import dev.custos.it.sdk.model.Client;
import dev.custos.it.sdk.model.Questionnaire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;

/** The application's own data access: a container-managed, transaction-scoped persistence context over JTA. */
@ApplicationScoped
public class ClinicStore {

    @PersistenceContext(unitName = "clinic")
    EntityManager em;

    @Transactional
    public void add(Object entity) {
        em.persist(entity);
    }

    @Transactional
    public Client client(String id) {
        return em.find(Client.class, id);
    }

    @Transactional
    public Questionnaire questionnaire(long id) {
        return em.find(Questionnaire.class, id);
    }

    /** Whether the connection EclipseLink writes on in a JTA transaction says it is in auto-commit mode. */
    @Transactional
    public boolean transactionConnectionReportsAutoCommit() throws java.sql.SQLException {
        return em.unwrap(Connection.class).getAutoCommit();
    }

    /** Outside any transaction: EclipseLink reads without one. */
    public EntityManager entityManager() {
        return em;
    }
}
