// SPDX-License-Identifier: Apache-2.0
package org.example.shop;

import dev.custos.cdi.ConsentService;
import dev.custos.cdi.ProcessingPurpose;
import dev.custos.core.consent.ConsentEvidence;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;

/**
 * Records a customer's consent to the newsletter, with the age band the signup form asked for (the newsletter is an
 * information society service, GDPR Art. 8): compiles against sdk-cdi's services.
 */
@RequestScoped
@ProcessingPurpose("newsletter")
public class NewsletterSignup {

    @Inject
    ConsentService consents;

    public void signUp(String customerNumber, int ageAtLeast) {
        consents.give(customerNumber, "newsletter", "2025-01",
                ConsentEvidence.of(ConsentEvidence.Form.ELECTRONIC, "signup-form", LocalDate.now())
                        .withAgeAtLeast(ageAtLeast));
    }
}
