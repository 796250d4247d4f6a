// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.clinic;

import dev.custos.sample.model.RequestAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Stores and finds the clinics' answers to data-subject requests. */
@ApplicationScoped
public class RequestAnswers {

    @Inject
    ClinicUnits units;

    @Inject
    DemoClock clock;

    @Transactional
    public void store(Clinic clinic, String requestId, String answer) {
        units.entityManager(clinic).merge(new RequestAnswer(requestId,
                LocalDateTime.ofInstant(clock.now(), ZoneOffset.UTC), answer));
    }

    @Transactional
    public Optional<String> find(Clinic clinic, String requestId) {
        return Optional.ofNullable(units.entityManager(clinic).find(RequestAnswer.class, requestId))
                .map(a -> a.answer);
    }
}
