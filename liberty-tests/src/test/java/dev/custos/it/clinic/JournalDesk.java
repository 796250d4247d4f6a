// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.clinic;

import dev.custos.cdi.ProcessingPurpose;
import dev.custos.it.clinic.model.Session;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Data access through a session bean, as often as through CDI beans: the purpose applies the same way. */
@Stateless
public class JournalDesk {

    @PersistenceContext(unitName = "clinic")
    EntityManager em;

    @ProcessingPurpose("treatment")
    public String sessionNotes(long id) {
        return em.find(Session.class, id).notes;
    }

    public String withoutPurpose(long id) {
        return em.find(Session.class, id).notes;
    }
}
