// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import jakarta.ejb.EJBException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/**
 * Bean Validation failures as 400 with the invalid properties' paths, never their values. They reach the resource
 * wrapped in an EJBException (the DAOs are EJBs); any other failure is a bare 500.
 */
@Provider
public class InvalidInputMapper implements ExceptionMapper<EJBException> {

    @Override
    public Response toResponse(EJBException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException invalid) {
                String fields = invalid.getConstraintViolations().stream()
                        .map(v -> String.valueOf(v.getPropertyPath())).sorted().collect(Collectors.joining(","));
                return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN)
                        .entity("invalid: " + fields).build();
            }
        }
        return Response.serverError().type(MediaType.TEXT_PLAIN).entity("failed").build();
    }
}
