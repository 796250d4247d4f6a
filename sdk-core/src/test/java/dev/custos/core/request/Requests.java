// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.request;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Test fixtures: a request received in Copenhagen, and the same request moved into each state. */
final class Requests {

    static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");
    /** 15 March 2025, 11:00 local: the deadline's last day is 15 April, expiring 2025-04-15T22:00Z. */
    static final Instant RECEIVED_AT = Instant.parse("2025-03-15T10:00:00Z");
    static final Instant DEADLINE_EXPIRES = Instant.parse("2025-04-15T22:00:00Z");
    static final String ACTOR = "dpo@clinic.example";

    private Requests() {
    }

    static Instant hoursLater(int hours) {
        return RECEIVED_AT.plus(Duration.ofHours(hours));
    }

    static DataSubjectRequest received() {
        return DataSubjectRequest.receive("REQ-1", "subject-7", RequestType.ACCESS, RECEIVED_AT, COPENHAGEN,
                Optional.empty());
    }

    /** The fixture request in {@code state}, each move one hour after the one before. */
    static DataSubjectRequest in(RequestState state) {
        return switch (state) {
            case RECEIVED -> received();
            case IDENTITY_VERIFIED -> received().verifyIdentity(hoursLater(1), ACTOR);
            case IN_PROGRESS -> in(RequestState.IDENTITY_VERIFIED).start(hoursLater(2), ACTOR);
            case EXTENDED -> in(RequestState.IN_PROGRESS).extend(hoursLater(3), ACTOR, "Many related requests");
            case COMPLETED -> in(RequestState.IN_PROGRESS).complete(hoursLater(3), ACTOR);
            case REFUSED -> received().refuse(hoursLater(1), ACTOR, "Identity could not be verified",
                    "GDPR Art. 11(2)");
        };
    }

    /** Moves {@code request} to {@code target} through its public method; only RECEIVED has none. */
    static DataSubjectRequest move(DataSubjectRequest request, RequestState target, Instant at) {
        return switch (target) {
            case RECEIVED -> request.moveTo(target, at, ACTOR, "reason", "citation");
            case IDENTITY_VERIFIED -> request.verifyIdentity(at, ACTOR);
            case IN_PROGRESS -> request.start(at, ACTOR);
            case EXTENDED -> request.extend(at, ACTOR, "Complex request");
            case COMPLETED -> request.complete(at, ACTOR);
            case REFUSED -> request.refuse(at, ACTOR, "Manifestly unfounded", "GDPR Art. 12(5)(b)");
        };
    }
}
