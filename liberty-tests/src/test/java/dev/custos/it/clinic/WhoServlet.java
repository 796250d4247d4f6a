// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.clinic;

import dev.custos.cdi.ConsentService;
import dev.custos.cdi.CustosUnits;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.Caller;
import jakarta.annotation.security.DeclareRoles;
import jakarta.inject.Inject;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Shows who Custos thinks the authenticated caller is, and whether a consent change is let through. */
@WebServlet("/who")
@BasicAuthenticationMechanismDefinition(realmName = "clinic")
@DeclareRoles({"clinician", "custos-auditor"})
@ServletSecurity(@HttpConstraint(rolesAllowed = {"clinician", "custos-auditor"}))
public class WhoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    CustosUnits units;

    @Inject
    ConsentService consents;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = units.runtime().currentCaller();
        String change;
        try {
            consents.give("client-who", "treatment", "notice-2026-11");
            change = "recorded";
        } catch (AccessRefusedException refused) {
            change = refused.messageId();
        }
        response.setContentType("text/plain");
        response.getWriter().print(caller.name() + " auditor=" + caller.inRole("custos-auditor") + " consent=" + change);
    }
}
