// SPDX-License-Identifier: Apache-2.0
package org.example.shop;

import dev.custos.cdi.ConsentService;
import dev.custos.cdi.ProcessingPurpose;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** Records a customer's consent to the newsletter: compiles against sdk-cdi's services. */
@RequestScoped
@ProcessingPurpose("newsletter")
public class NewsletterSignup {

    @Inject
    ConsentService consents;

    public void signUp(String customerNumber) {
        consents.give(customerNumber, "newsletter", "2025-01");
    }
}
