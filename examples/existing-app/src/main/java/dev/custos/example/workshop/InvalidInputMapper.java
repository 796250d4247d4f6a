// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import dev.custos.core.CustosException;
import dev.custos.jpa.access.AccessRefusedException;
import jakarta.ejb.EJBException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/**
 * Bean Validation failures as 400 with the invalid properties' paths, never their values; Custos' refusals as 403
 * and its other errors as 422, with their message ids. They reach the resource wrapped in an EJBException (the
 * DAOs are EJBs); any other failure is a bare 500.
 */
@Provider
public class InvalidInputMapper implements ExceptionMapper<EJBException> {

    @Override
    public Response toResponse(EJBException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException invalid) {
                String fields = invalid.getConstraintViolations().stream()
                        .map(v -> String.valueOf(v.getPropertyPath())).sorted().collect(Collectors.joining(","));
                return text(Response.Status.BAD_REQUEST, "invalid: " + fields);
            }
            // Custos' messages name rows by id or pseudonym, never by their values: safe to answer with
            if (t instanceof AccessRefusedException refused) {
                return text(Response.Status.FORBIDDEN, refused.detail().toString());
            }
            if (t instanceof CustosException custos) {
                return text(Response.Status.fromStatusCode(422), custos.detail().toString());
            }
        }
        return text(Response.Status.INTERNAL_SERVER_ERROR, "failed");
    }

    private static Response text(Response.StatusType status, String body) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(body).build();
    }
}
