// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.wildfly;

import dev.custos.cdi.ConsentService;
import dev.custos.cdi.CustosUnits;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.Caller;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Who Custos thinks the caller is, and whether a consent change is let through, in an application whose login is
 * web.xml's alone: no Jakarta Security annotation or identity store anywhere in it.
 */
@WebServlet("/web-login")
public class WebLoginServlet extends HttpServlet {

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
            consents.give("client-web-login", "treatment", "notice-2026-11");
            change = "recorded";
        } catch (AccessRefusedException refused) {
            change = refused.messageId();
        }
        response.setContentType("text/plain");
        response.getWriter().print(caller.name() + " auditor=" + caller.inRole("custos-auditor") + " consent=" + change);
    }
}
