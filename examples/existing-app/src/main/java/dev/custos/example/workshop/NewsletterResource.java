// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The addresses the monthly newsletter goes to. */
@Path("newsletter")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("staff")
public class NewsletterResource {

    @Inject
    CustomerDao customers;

    @GET
    public List<String> recipients() {
        return customers.newsletterRecipients();
    }
}
