// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.jpa.access.AccessRefusedException;
import jakarta.json.stream.JsonParsingException;
import jakarta.transaction.RollbackException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure into a problem document: refusals by Custos into 403 with a detail that starts with its message
 * id and the reasons' message ids, invalid
 * input into 400 with each violation, other Custos errors (an unknown request, a request in the wrong state) into
 * 422 with the message id. Anything unexpected is a 500 that names an incident id found in the server log, which
 * records the exceptions' classes and where they were thrown but not their messages: a database's message may quote
 * a client's row ("Failing row contains (...)").
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof WebApplicationException web) {
            Response response = web.getResponse();
            if (response.hasEntity()) {
                return response;
            }
            return Problems.response(response.getStatusInfo(), String.valueOf(web.getMessage()), List.of());
        }
        if (cause instanceof AccessRefusedException refused) {
            // with its message id, as "CUSTOS-04409: ...", so a support desk finds it in docs/errors.md
            return Problems.response(Response.Status.FORBIDDEN, refused.detail().toString(), refused.reasons());
        }
        if (cause instanceof CustosException custos) {
            return Problems.response(UNPROCESSABLE, custos.detail().text(), List.of(custos.detail()));
        }
        if (cause instanceof ConstraintViolationException invalid) {
            List<String> violations = invalid.getConstraintViolations().stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(ProblemMapper::describe).toList();
            return Problems.response(Response.Status.BAD_REQUEST, "Invalid input: " + String.join("; ", violations),
                    List.of());
        }
        if (cause instanceof JsonParsingException || cause instanceof ProcessingException
                || cause instanceof jakarta.json.bind.JsonbException) {
            // the parser's message names internal classes; the OpenAPI document says what the body should be
            return Problems.response(Response.Status.BAD_REQUEST, "The request body is not valid JSON for this"
                    + " operation: check the field names and values against the OpenAPI document at /openapi",
                    List.of());
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Request failed, incident " + incident + ": " + where(thrown));
        return Problems.response(Response.Status.INTERNAL_SERVER_ERROR, "The clinic could not complete the request;"
                + " the server log has the details under incident " + incident, List.<Message>of());
    }

    /** The exception that says what went wrong, under the container's and the transaction's wrappers. */
    private static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; depth < 10 && current.getCause() != null
                // Enterprise Beans by name (EJBException and its subclasses): a server without them (WildFly's
                // standalone-microprofile.xml) has no such class to test against
                && (current.getClass().getName().startsWith("jakarta.ejb.") || current instanceof RollbackException
                || current instanceof jakarta.transaction.TransactionalException
                // a query's getResultList wraps a refusal in a PersistenceException, as it wraps every exception
                || current instanceof jakarta.persistence.PersistenceException
                || current.getClass().getName().startsWith("jakarta.enterprise.")
                || current.getClass().getName().contains("Weld")); depth++) {
            current = current.getCause();
        }
        return current;
    }

    /** Each exception of the chain by class, SQLState and the frame it was thrown at; never by its message. */
    private static String where(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            text.append(text.length() == 0 ? "" : " caused by ").append(t.getClass().getName());
            if (t instanceof java.sql.SQLException sql) {
                text.append(" (SQLState ").append(sql.getSQLState()).append(')');
            }
            StackTraceElement[] frames = t.getStackTrace();
            if (frames.length > 0) {
                text.append(" at ").append(frames[0]);
            }
        }
        return text.toString();
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return field + " " + violation.getMessage();
    }

    /** 422: the input is well formed, but Custos cannot do what it asks. */
    private static final Response.StatusType UNPROCESSABLE = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };
}
