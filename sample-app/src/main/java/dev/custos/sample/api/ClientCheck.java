// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import dev.custos.sample.clinic.Clinic;
import dev.custos.sample.clinic.ClinicUnits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Whether someone is a client of a clinic: a count, which loads no entity and so reads no personal data. */
@ApplicationScoped
public class ClientCheck {

    @Inject
    ClinicUnits units;

    @Transactional
    public boolean isClient(Clinic clinic, String subjectId) {
        return units.entityManager(clinic).createQuery("SELECT COUNT(c) FROM Client c WHERE c.id = :id", Long.class)
                .setParameter("id", subjectId).getSingleResult() > 0;
    }
}
