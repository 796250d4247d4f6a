// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.consent;

import dev.custos.core.consent.ConsentDecision.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides consent from a subject's ledger events. The ledger is append-only, so the latest event for a
 * purpose that has taken effect decides; events are read in ledger order, and an event stamped after
 * "now" (clock skew, a scheduled withdrawal) is not yet in effect. Stateless apart from the clock;
 * thread-safe.
 */
public final class ConsentEvaluator {

    private final Clock clock;

    public ConsentEvaluator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Whether {@code subjectId}'s data may be processed for {@code purpose} now.
     *
     * @param events          the subject's ledger events in ledger order (others are ignored)
     * @param acceptedNotices the privacy-notice versions under which a consent still counts; empty
     *                        accepts any version
     */
    public ConsentDecision evaluate(Iterable<ConsentEvent> events, String subjectId, String purpose,
                                    Set<String> acceptedNotices) {
        Instant now = clock.instant();
        Optional<ConsentEvent> latest = latest(events, subjectId, purpose, now);
        if (latest.isEmpty()) {
            return new ConsentDecision(false, Reason.NEVER_GIVEN, purpose, latest,
                    ConsentMessages.neverGiven(purpose));
        }
        ConsentEvent event = latest.get();
        return switch (event.type()) {
            case WITHDRAWN -> new ConsentDecision(false, Reason.WITHDRAWN, purpose, latest,
                    ConsentMessages.withdrawn(purpose, event.at().toString()));
            case EXPIRED -> new ConsentDecision(false, Reason.EXPIRED, purpose, latest,
                    ConsentMessages.expired(purpose, event.at().toString()));
            case GIVEN -> given(event, subjectId, purpose, acceptedNotices, now, latest);
        };
    }

    /** Whether consent for {@code purpose} is in force, and if not since when; for the retention engine. */
    public ConsentStatus status(Iterable<ConsentEvent> events, String subjectId, String purpose) {
        Instant now = clock.instant();
        Optional<ConsentEvent> latest = latest(events, subjectId, purpose, now);
        if (latest.isEmpty()) {
            return ConsentStatus.unknown();
        }
        ConsentEvent event = latest.get();
        if (event.type() != ConsentEventType.GIVEN) {
            return ConsentStatus.endedAt(event.at());
        }
        if (event.expiresAt().isPresent() && !event.expiresAt().get().isAfter(now)) {
            return ConsentStatus.endedAt(event.expiresAt().get());
        }
        return ConsentStatus.active();
    }

    private static ConsentDecision given(ConsentEvent event, String subjectId, String purpose,
                                         Set<String> acceptedNotices, Instant now, Optional<ConsentEvent> latest) {
        if (event.expiresAt().isPresent() && !event.expiresAt().get().isAfter(now)) {
            return new ConsentDecision(false, Reason.EXPIRED, purpose, latest,
                    ConsentMessages.expired(purpose, event.expiresAt().get().toString()));
        }
        if (!acceptedNotices.isEmpty() && !acceptedNotices.contains(event.noticeVersion())) {
            return new ConsentDecision(false, Reason.NOTICE_OUTDATED, purpose, latest,
                    ConsentMessages.noticeOutdated(purpose, event.noticeVersion(),
                            String.join(", ", acceptedNotices.stream().sorted().toList())));
        }
        return new ConsentDecision(true, Reason.GIVEN, purpose, latest,
                ConsentMessages.permitted(purpose, event.at().toString(), event.noticeVersion()));
    }

    private static Optional<ConsentEvent> latest(Iterable<ConsentEvent> events, String subjectId, String purpose,
                                                 Instant now) {
        ConsentEvent latest = null;
        for (ConsentEvent event : events) {
            if (!event.subjectId().equals(subjectId) || !event.purpose().equals(purpose) || event.at().isAfter(now)) {
                continue;
            }
            // ledger order breaks ties between events stamped with the same instant
            if (latest == null || !event.at().isBefore(latest.at())) {
                latest = event;
            }
        }
        return Optional.ofNullable(latest);
    }
}
