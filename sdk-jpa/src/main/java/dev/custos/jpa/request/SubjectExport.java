// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.internal.json.JsonWriter;
import dev.custos.core.gdpr.DataSubjectRight;
import dev.custos.core.gdpr.RightAssessment;
import dev.custos.core.gdpr.RightsMap;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.jpa.EntityMapping;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Writes the JSON of access and portability exports: the subject's attribute values entity by entity, what
 * each attribute is (category, basis, purposes, retention rule), what a portability export leaves out and why,
 * the consent history, and who accessed the data. Not thread-safe; one instance per export.
 */
final class SubjectExport {

    private final JsonWriter json = new JsonWriter();
    private final SubjectRows rows;
    /** Per entity, the attributes that were exported, for the EXPORT audit record. */
    private final Map<String, List<String>> exported = new LinkedHashMap<>();

    SubjectExport(SubjectRows rows) {
        this.rows = rows;
    }

    JsonWriter json() {
        return json;
    }

    /** Entities whose rows were exported, with the attributes exported. */
    Map<String, List<String>> exported() {
        return exported;
    }

    /** Writes {@code "data": [...]}: every mapping's rows of the subject, with the attributes {@code include} takes. */
    void data(EntityManager em, List<EntityMapping> mappings, String subjectId,
              Predicate<PersonalDataAttribute> include) throws SQLException {
        json.name("data").beginArray();
        for (EntityMapping mapping : mappings) {
            List<PersonalDataAttribute> attributes = mapping.model().attributes().stream().filter(include).toList();
            if (attributes.isEmpty()) {
                continue;
            }
            List<String> names = attributes.stream().map(PersonalDataAttribute::name).toList();
            json.beginObject().field("entity", mapping.entityName()).name("attributes").beginArray();
            for (PersonalDataAttribute attribute : attributes) {
                describe(attribute);
            }
            json.endArray().name("rows").beginArray();
            long[] count = new long[1];
            // CRYPTO_SHRED values are stored encrypted under the subject's data key: export the plaintext
            java.util.Optional<byte[]> dataKey = attributes.stream().anyMatch(
                    a -> a.erasure() == dev.custos.core.annotation.ErasureStrategy.CRYPTO_SHRED)
                    ? new dev.custos.jpa.internal.store.SubjectDataKeys(java.time.Clock.systemUTC()).existingKey(
                            dev.custos.jpa.internal.TransactionConnection.of(em), subjectId)
                    : java.util.Optional.empty();
            rows.forEachPage(em, mapping, subjectId, names, page -> {
                for (SubjectRows.Row row : page) {
                    json.beginObject().field("id", String.valueOf(row.id())).name("values").beginObject();
                    for (int i = 0; i < names.size(); i++) {
                        json.name(names.get(i));
                        Object value = row.values().get(i);
                        value(attributes.get(i).erasure() == dev.custos.core.annotation.ErasureStrategy.CRYPTO_SHRED
                                ? dev.custos.jpa.internal.ShredCipher.decrypt(dataKey, value) : value);
                    }
                    json.endObject().endObject();
                    count[0]++;
                }
            });
            json.endArray().endObject();
            if (count[0] > 0) {
                exported.put(mapping.entityName(), names);
            }
        }
        json.endArray();
    }

    /**
     * Writes {@code "leftOut": [...]}: each attribute of the entities holding rows of the subject that
     * {@code right} does not reach, with why and the article, such as {@code "basis LEGAL_OBLIGATION: GDPR
     * Art. 20(1)(a)"} for a journal kept under a legal duty, so the subject sees what the export does not hold and
     * why rather than a silent gap.
     */
    void leftOut(EntityManager em, List<EntityMapping> mappings, String subjectId, DataSubjectRight right) {
        json.name("leftOut").beginArray();
        for (EntityMapping mapping : mappings) {
            List<PersonalDataAttribute> out = mapping.model().attributes().stream()
                    .filter(a -> !RightsMap.assess(right, a.processing()).applies()).toList();
            if (out.isEmpty() || rows.count(em, mapping, subjectId) == 0) {
                continue;
            }
            for (PersonalDataAttribute attribute : out) {
                RightAssessment assessment = RightsMap.assess(right, attribute.processing());
                // Art. 20(1)(a) is about the basis; the rest of Art. 20(1) about who provided the data
                String cause = assessment.citation().endsWith("(a)") ? "basis " + attribute.basis().name()
                        : "not provided by the subject";
                json.beginObject()
                        .field("entity", mapping.entityName())
                        .field("attribute", attribute.name())
                        .field("why", cause + ": " + assessment.citation())
                        .field("citation", assessment.citation())
                        .field("reason", assessment.reason())
                        .endObject();
            }
        }
        json.endArray();
    }

    /** Writes {@code "consent": [...]}, the subject's consent events in ledger order. */
    void consent(List<ConsentEvent> events) {
        json.name("consent").beginArray();
        for (ConsentEvent event : events) {
            json.beginObject()
                    .field("purpose", event.purpose())
                    .field("event", event.type().name())
                    .field("at", event.at().toString())
                    .field("noticeVersion", event.noticeVersion().isEmpty() ? null : event.noticeVersion())
                    .field("expiresAt", event.expiresAt().map(Instant::toString).orElse(null))
                    .endObject();
        }
        json.endArray();
    }

    /** Writes {@code "accessLog": [...]}, the audit records about the subject on each chain. */
    void accessLog(Map<Integer, List<AuditRecord>> chains) {
        json.name("accessLog").beginArray();
        for (Map.Entry<Integer, List<AuditRecord>> chain : chains.entrySet()) {
            for (AuditRecord record : chain.getValue()) {
                json.beginObject()
                        .field("chain", chain.getKey().toString())
                        .field("sequence", Long.toString(record.sequence()))
                        .field("at", record.event().occurredAt().toString())
                        .field("actor", record.event().actor())
                        .field("action", record.event().action().name())
                        .field("entity", record.event().entity())
                        .field("entityId", record.event().entityId())
                        .field("fields", record.event().fields())
                        .field("purpose", record.event().purpose())
                        .field("basis", record.event().basis())
                        .field("outcome", record.event().outcome().name())
                        .endObject();
            }
        }
        json.endArray();
    }

    private void describe(PersonalDataAttribute attribute) {
        List<String> purposes = new ArrayList<>(attribute.purposes());
        json.beginObject()
                .field("name", attribute.name())
                .field("category", attribute.category().name())
                .field("basis", attribute.basis().citation())
                .field("condition", attribute.condition().name())
                .field("purposes", purposes)
                .field("retentionRule", attribute.rule().id())
                .field("retention", attribute.rule().retention().toString())
                .field("retentionCitation", attribute.rule().citationLine())
                .name("providedBySubject").value(attribute.providedBySubject())
                .endObject();
    }

    private void value(Object value) {
        if (value == null) {
            json.value((String) null);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            json.value(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            json.value(b.booleanValue());
        } else if (value instanceof byte[] bytes) {
            json.value(Base64.getEncoder().encodeToString(bytes));
        } else {
            json.value(value.toString());
        }
    }
}
