// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Validates request bodies with Jakarta Validation and answers a violation with a problem document (400) naming
 * each field. The resources call it rather than putting {@code @Valid} on their parameters, whose violations the
 * JAX-RS runtime would answer in a report format of its own.
 */
@ApplicationScoped
public class InputCheck {

    @Inject
    Validator validator;

    /** {@code body}, if present and valid. */
    public <T> T valid(T body) {
        if (body == null) {
            throw Problems.badRequest("This operation needs a JSON body; the OpenAPI document at /openapi says which");
        }
        List<String> problems = (body instanceof Collection<?> items ? items.stream() : Stream.of(body))
                .flatMap(item -> item == null ? Stream.of("an element is null")
                        : validator.validate(item).stream().map(InputCheck::describe))
                .sorted(Comparator.naturalOrder()).toList();
        if (!problems.isEmpty()) {
            throw Problems.badRequest("Invalid input: " + String.join("; ", problems));
        }
        return body;
    }

    private static String describe(ConstraintViolation<?> violation) {
        return violation.getPropertyPath() + " " + violation.getMessage();
    }
}
