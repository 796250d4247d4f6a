// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.clinic;

import dev.custos.cdi.CustosUnits;
import dev.custos.jpa.CustosRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceUnit;

/**
 * The clinics' persistence units. With two units, the application produces each factory as a bean named after its
 * unit ({@code @PersistenceUnit(unitName = ...)}), which is how Custos finds and names them; the services then work
 * on the unit chosen with {@link CustosUnits#use(String)}.
 */
@ApplicationScoped
public class ClinicUnits {

    @Produces
    @UnitOf("danish")
    @PersistenceUnit(unitName = "danish")
    EntityManagerFactory danishFactory;

    @Produces
    @UnitOf("norwegian")
    @PersistenceUnit(unitName = "norwegian")
    EntityManagerFactory norwegianFactory;

    @PersistenceContext(unitName = "danish")
    EntityManager danish;

    @PersistenceContext(unitName = "norwegian")
    EntityManager norwegian;

    @Inject
    CustosUnits units;

    /** The clinic's transaction-scoped entity manager. */
    public EntityManager entityManager(Clinic clinic) {
        return clinic == Clinic.DANISH ? danish : norwegian;
    }

    /** Custos for the clinic's unit. */
    public CustosRuntime custos(Clinic clinic) {
        return units.runtime(clinic.unit());
    }

    /** Makes the clinic's unit the one Custos' services work on, until the scope is closed. */
    public CustosUnits.UnitScope use(Clinic clinic) {
        return units.use(clinic.unit());
    }
}
