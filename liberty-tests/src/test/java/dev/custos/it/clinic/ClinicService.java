// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.clinic;

import dev.custos.cdi.ProcessingPurpose;
import dev.custos.it.clinic.model.CareNote;
import dev.custos.it.clinic.model.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** The application's own code: a container-managed entity manager, JTA transactions and a purpose. */
// snippet:purpose-service
@ApplicationScoped
@ProcessingPurpose("treatment")
public class ClinicService {

    @PersistenceContext(unitName = "clinic")
    EntityManager em;

    @Transactional
    public void store(Object entity) {
        em.persist(entity);
    }

    @Transactional
    public String sessionNotes(long id) {
        return em.find(Session.class, id).notes;
    }

    @Transactional
    public String careNote(long id) {
        return em.find(CareNote.class, id).note;
    }
}
// end-snippet
