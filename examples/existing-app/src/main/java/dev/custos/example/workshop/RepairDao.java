// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import dev.custos.cdi.ProcessingPurpose;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.util.Optional;
import java.util.logging.Logger;

/** Repairs: booked against a bike, which the workshop's counter does many times a day. */
@Stateless
@ProcessingPurpose("counter")
public class RepairDao {

    private static final Logger LOG = Logger.getLogger(RepairDao.class.getName());

    @PersistenceContext(unitName = "workshop")
    private EntityManager em;

    public Optional<Repair> record(long bikeId, LocalDate date, String work) {
        return Optional.ofNullable(em.find(Bike.class, bikeId)).map(bike -> {
            Repair repair = new Repair(bike, date, work);
            bike.getRepairs().add(repair);
            em.persist(repair);
            em.flush();
            LOG.info("Repair " + repair.getId() + " for " + bike.getCustomer());
            return repair;
        });
    }
}
