// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.clinic;

import dev.custos.cdi.ConsentService;
import dev.custos.core.consent.ConsentEvidence;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fills both clinics with the demo data when the application starts in demo mode, once (a PostgreSQL database keeps
 * it between starts), and prints where to go. Custos starts first: its observer of the same event runs before the
 * application's, so the data below is written, checked and audited like any other.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @Inject
    DemoClock clock;

    @Inject
    DemoRecords records;

    @Inject
    ConsentService consents;

    @Inject
    ClinicUnits units;

    @Inject
    @ConfigProperty(name = "clinic.http.port", defaultValue = "9080")
    String port;

    void load(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!clock.demoMode()) {
            LOG.info("Sample clinic started without demo data (clinic.demo is not true)");
            return;
        }
        // the controller's own setup work: no caller, so it runs as a system caller that policies do not judge
        try (ProcessingContext.Scope setup = ProcessingContext.open("clinic-setup", Caller.system("demo-data"))) {
            for (Clinic clinic : Clinic.values()) {
                if (records.store(clinic)) {
                    giveConsents(clinic);
                }
            }
        }
        LOG.info("Sample clinic ready: open http://localhost:" + port + "/ (users and passwords in the README;"
                + " every demo password is \"demo\")");
    }

    private void giveConsents(Clinic clinic) {
        LocalDate signedUp = LocalDate.ofInstant(clock.now(), units.custos(clinic).pack().zone());
        try (var unit = units.use(clinic)) {
            for (String patient : DemoRecords.patients(clinic)) {
                // the demo patients are adults who signed up on the clinic's form (GDPR Art. 8 asks for the age)
                consents.give(patient, "newsletter", Clinic.PRIVACY_NOTICE, ConsentEvidence.of(
                        ConsentEvidence.Form.ELECTRONIC, "newsletter signup form", signedUp)
                        .withAgeAtLeast(18));
            }
        }
    }
}
