// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.custos.it.clinic.model.CareNote;
import dev.custos.it.clinic.model.Session;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that logs its users in through web.xml alone (HTTP Basic against the server's application realm),
 * with no Jakarta Security mechanism or identity store: WildFly then gives it no {@code SecurityContext} bean, and
 * Custos takes the caller and its roles from the servlet request. Before, every caller was {@code unauthenticated}
 * in no role: audit records named no one, and an auditor read what the no-content role hides.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebLoginIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PostgresDeployments.war("web-login")
                .addClasses(WebLoginServlet.class, Session.class, CareNote.class)
                .addAsResource(WebLoginIT.class.getPackage(), "persistence.xml", "META-INF/persistence.xml")
                .addAsWebInfResource(WebLoginIT.class.getPackage(), "web-login.xml", "web.xml");
    }

    @ArquillianResource
    URL base;

    @Test
    void theCallerIsTheUserTheWebContainerAuthenticatedWithItsRoles() throws Exception {
        assertEquals("web-clinician auditor=false consent=recorded", get("web-clinician"));
        assertEquals("web-auditor auditor=true consent=CUSTOS-04260", get("web-auditor"));
    }

    private String get(String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("web-login"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + user + "-pass").getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }
}
