// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.consent.ConsentStatus;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.jpa.retention.PreviewEntry;
import dev.custos.sample.model.JournalEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the API answers, as JSON objects: plain records, so that no entity is ever serialised by accident. */
public final class Views {

    private Views() {
    }

    public record ClinicView(String id, String name, String town, String pack, String jurisdiction, String zone) {
    }

    public record Me(String user, List<String> roles) {
    }

    public record JournalEntryView(long id, LocalDate writtenOn, String kind, String clinician, String text) {
        static JournalEntryView of(JournalEntry entry) {
            return new JournalEntryView(entry.id, entry.writtenOn, entry.kind.name(), entry.clinician, entry.text);
        }
    }

    /** How many journal entries of one kind the clinic wrote: a count, which is no one's personal data. */
    public record KindCountView(String kind, long entries) {
    }

    public record ConsentView(String purpose, String state, Instant endedAt) {
        static ConsentView of(String purpose, ConsentStatus status) {
            return new ConsentView(purpose, status.state().name(), status.endedAt().orElse(null));
        }
    }

    public record RequestView(String id, String type, String right, String state, Instant receivedAt,
                              LocalDate deadline, String deadlineBasis, boolean overdue, String refusalReason,
                              String refusalCitation) {
        static RequestView of(DataSubjectRequest request, Instant now) {
            return new RequestView(request.id(), request.type().name(), request.type().right().citation(),
                    request.state().name(), request.receivedAt(), request.currentDeadline().lastDay(),
                    request.currentDeadline().basis(), request.overdue(now), request.refusalReason().orElse(null),
                    request.refusalCitation().orElse(null));
        }
    }

    public record AuditView(long sequence, Instant at, String actor, String action, String entity, String entityId,
                            List<String> fields, String purpose, String basis, String outcome, String detail) {
        static AuditView of(AuditRecord record) {
            var e = record.event();
            return new AuditView(record.sequence(), e.occurredAt(), e.actor(), e.action().name(), e.entity(),
                    e.entityId(), e.fields(), e.purpose(), e.basis(), e.outcome().name(), e.detail());
        }
    }

    public record ChainView(String chain, boolean intact, long recordsChecked, Long firstBroken, String problem) {
    }

    public record ForecastView(String entity, String entityId, String rule, List<String> attributes, String strategy,
                               Instant dueAt, String status, String reason) {
        static ForecastView of(PreviewEntry entry) {
            return new ForecastView(entry.entity(), entry.entityId(), entry.ruleId(), entry.attributes(),
                    entry.strategy().name(), entry.dueAt().orElse(null), entry.status().name(),
                    entry.detail().toString());
        }
    }
}
