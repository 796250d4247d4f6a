// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.wildfly;

import dev.custos.cdi.ProcessingPurpose;
import dev.custos.it.clinic.model.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** Queries of the clinic: one selecting a consent-based attribute as a value, one selecting entities. */
@ApplicationScoped
@ProcessingPurpose("treatment")
public class ClinicQueries {

    @PersistenceContext(unitName = "clinic")
    EntityManager em;

    @Transactional
    public List<String> notesAsValues() {
        return em.createQuery("SELECT s.notes FROM Session s", String.class).getResultList();
    }

    @Transactional
    public List<String> notesOfClient(String clientId) {
        return em.createQuery("SELECT s FROM Session s WHERE s.clientId = :client ORDER BY s.id", Session.class)
                .setParameter("client", clientId).getResultList().stream().map(s -> s.notes).toList();
    }
}
