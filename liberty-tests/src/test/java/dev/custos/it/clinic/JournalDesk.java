// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.clinic;

import dev.custos.cdi.ProcessingPurpose;
import dev.custos.cdi.RequestService;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.it.clinic.model.Session;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Data access through a session bean, as often as through CDI beans: the purpose applies the same way. */
@Stateless
public class JournalDesk {

    @PersistenceContext(unitName = "clinic")
    EntityManager em;

    @Inject
    RequestService requests;

    @ProcessingPurpose("treatment")
    public String sessionNotes(long id) {
        return em.find(Session.class, id).notes;
    }

    public String withoutPurpose(long id) {
        return em.find(Session.class, id).notes;
    }

    /** A request executed from a session bean with container-managed transactions. */
    public String accessExport(String subjectId) {
        DataSubjectRequest request = requests.receive(RequestType.ACCESS, subjectId);
        requests.verifyIdentity(request.id());
        return requests.exportAccess(request.id());
    }
}
