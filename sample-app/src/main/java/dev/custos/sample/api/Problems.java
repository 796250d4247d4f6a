// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import dev.custos.core.Message;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Problem documents (RFC 9457, {@code application/problem+json}): a title, the status, a detail that says what to
 * do, and the Custos messages behind it, each with its id.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static WebApplicationException badRequest(String detail) {
        return new WebApplicationException(response(Response.Status.BAD_REQUEST, detail, List.of()));
    }

    public static WebApplicationException notFound(String detail) {
        return new WebApplicationException(response(Response.Status.NOT_FOUND, detail, List.of()));
    }

    public static WebApplicationException forbidden(String detail) {
        return new WebApplicationException(response(Response.Status.FORBIDDEN, detail, List.of()));
    }

    public static WebApplicationException conflict(String detail) {
        return new WebApplicationException(response(Response.Status.CONFLICT, detail, List.of()));
    }

    /** A problem response with {@code messages} listed by id. */
    public static Response response(Response.StatusType status, String detail, List<Message> messages) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (Message message : messages) {
            list.add(Json.createObjectBuilder().add("id", message.code()).add("text", message.text()));
        }
        JsonObject body = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", status.getReasonPhrase())
                .add("status", status.getStatusCode())
                .add("detail", detail)
                .add("messages", list)
                .build();
        return Response.status(status).type(MEDIA_TYPE).entity(body.toString()).build();
    }
}
