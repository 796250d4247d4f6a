// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import dev.custos.sample.api.Views.Me;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** Who is logged in, and in which of the clinic's roles: the web UI shows each user the views of their roles. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    static final List<String> ROLES = List.of(Roles.CLINICIAN, Roles.RECEPTION, Roles.AUDITOR, Roles.PATIENT);

    @GET
    public Me me(@Context SecurityContext security) {
        return new Me(security.getUserPrincipal().getName(),
                ROLES.stream().filter(security::isUserInRole).toList());
    }
}
