// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import dev.custos.cdi.ConsentService;
import dev.custos.jpa.consent.ImportedConsent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;

/**
 * Custos: brings the newsletter sign-ups the workshop already had (the newsletter column, from the sign-up sheet at
 * the counter) into Custos' consent ledger, with their evidence. Runs at every start, after Custos has started:
 * Custos skips what its ledger already has, so a consent withdrawn since is never given again.
 */
@ApplicationScoped
public class SignUpSheetImport {

    private static final Logger LOG = Logger.getLogger(SignUpSheetImport.class.getName());

    /** Where the evidence is: the paper sheet customers signed at the counter. */
    static final String SIGN_UP_SHEET = "counter-sign-up-sheet";

    @PersistenceContext(unitName = "workshop")
    EntityManager em;

    @Inject
    ConsentService consents;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the id and the date only: no personal data is read, so no purpose is needed
        List<Object[]> signUps = em.createQuery(
                "SELECT c.id, c.newsletterSince FROM Customer c WHERE c.newsletter = TRUE", Object[].class)
                .getResultList();
        int imported = consents.importConsents(signUps.stream().map(row -> new ImportedConsent(
                String.valueOf(row[0]), "newsletter", since((LocalDate) row[1]), "sign-up-sheet", SIGN_UP_SHEET))
                .toList());
        LOG.info("Newsletter sign-ups brought into the consent ledger: " + imported);
    }

    /** The day the box was ticked, or the day the workshop opened where the sheet has no date. */
    private static java.time.Instant since(LocalDate day) {
        return (day == null ? LocalDate.of(2015, 3, 1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
