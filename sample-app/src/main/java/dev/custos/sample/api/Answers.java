// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import dev.custos.core.request.DataSubjectRequest;
import dev.custos.sample.api.Views.RequestView;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;

/** A request with the clinic's answer, if it has one (Custos' report as JSON). */
public record Answers(RequestView request, JsonValue answer) {

    static Answers of(DataSubjectRequest request, Instant now, String answer) {
        JsonValue json = answer == null ? JsonValue.NULL : Json.createReader(new StringReader(answer)).readValue();
        return new Answers(RequestView.of(request, now), json);
    }
}
