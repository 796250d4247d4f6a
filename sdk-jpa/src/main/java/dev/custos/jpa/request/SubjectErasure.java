// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.consent.ConsentEvaluator;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.consent.ConsentStatus;
import dev.custos.core.gdpr.ErasureExemption;
import dev.custos.core.metadata.DerivedClockModel;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.core.policy.Route;
import dev.custos.core.retention.AnchorValues;
import dev.custos.core.retention.ErasureDecision;
import dev.custos.core.retention.LegalHold;
import dev.custos.core.retention.RecordState;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.internal.DerivedClockQuery;
import dev.custos.jpa.internal.store.LegalHoldStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, attribute value by attribute value, what a request does with the subject's data: the record's anchor,
 * its legal holds and the subject's consent go into a {@link Question}; erase, keep (with rule, citation and GDPR
 * Art. 17(3) exemption) or review comes out. An erasure request asks sdk-core's
 * {@link dev.custos.core.retention.RetentionEngine#assessErasureRequest} about every value; a consent withdrawal
 * asks {@link WithdrawalQuestion}, which passes only the values resting on the withdrawn consent on to the same
 * engine call. What to erase goes to a {@link RowEraser} (see {@link RequestErasure}), in the same transaction.
 * Not thread-safe; one instance per request run.
 */
final class SubjectErasure {

    /** The answer for one non-null value of the subject. */
    @FunctionalInterface
    interface Question {
        ErasureDecision decide(PersonalDataAttribute attribute, RecordState state);
    }

    /** Erases what was decided for one row, in the caller's transaction. */
    interface RowEraser {
        /**
         * @param row        the row, with the values of {@code names}
         * @param erase      the attributes to erase (never empty)
         * @param wholeRow   whether no value of the row is kept or left for review
         * @param grounds    per attribute to erase, the provision its erasure rests on (such as
         *                   {@code GDPR Art. 17(1)(b)}), for the audit record
         */
        void erase(EntityMapping mapping, SubjectRows.Row row, List<String> names, List<PersonalDataAttribute> erase,
                   boolean wholeRow, Map<String, String> grounds) throws SQLException;

        /** Called after each page of rows, so erasures can be done set-based per page. */
        void endOfPage() throws SQLException;
    }

    private final CustosRuntime runtime;
    private final SubjectRows rows;
    private final LegalHoldStore holds;
    private final ConsentEvaluator consent;
    private final Question question;
    private final List<ErasureReport.Line> lines = new ArrayList<>();
    private Map<String, Decision> decided = Map.of();

    /** The decisions of an erasure request: the retention engine answers for every value. */
    SubjectErasure(CustosRuntime runtime, SubjectRows rows, LegalHoldStore holds) {
        this(runtime, rows, holds, (attribute, state) -> runtime.retention().assessErasureRequest(attribute.rule(),
                attribute.processing(), state));
    }

    SubjectErasure(CustosRuntime runtime, SubjectRows rows, LegalHoldStore holds, Question question) {
        this.runtime = runtime;
        this.rows = rows;
        this.holds = holds;
        this.consent = new ConsentEvaluator(runtime.clock());
        this.question = question;
    }

    /**
     * Values a person decided on (by {@link Decision#lineKey()}): kept, or erased by their strategy (an erased
     * value reads as erased on later runs), as decided; the engine is not asked about them again.
     */
    SubjectErasure decided(Map<String, Decision> lines) {
        this.decided = Map.copyOf(lines);
        return this;
    }

    /** Decides every value of the subject's rows, hands what to erase to {@code eraser}, and returns the lines. */
    List<ErasureReport.Line> run(UnitOfWork work, String subjectId, List<ConsentEvent> events, RowEraser eraser)
            throws SQLException {
        Connection connection = work.connection();
        Instant now = runtime.clock().instant();
        // Most subjects have no hold at all: then one query answers for every row.
        boolean anyHold = !holds.activeFor(connection, subjectId, Optional.empty(), Optional.empty(), now).isEmpty();
        for (EntityMapping mapping : runtime.mappings()) {
            List<PersonalDataAttribute> attributes = mapping.model().attributes();
            Set<String> columns = new LinkedHashSet<>();
            attributes.forEach(a -> columns.add(a.name()));
            attributes.stream().map(PersonalDataAttribute::anchor)
                    .filter(a -> !a.isEmpty() && mapping.model().clock(a).isEmpty()).forEach(columns::add);
            List<String> names = List.copyOf(columns);
            List<DerivedClockModel> clocks = attributes.stream().map(a -> mapping.model().clock(a.anchor()))
                    .flatMap(Optional::stream).distinct().toList();
            rows.forEachPage(work.em(), mapping, subjectId, names, page -> {
                // each derived clock for the whole page in one grouped query, not one per row
                Map<String, Map<Object, Object>> clockValues = new HashMap<>();
                for (DerivedClockModel clock : clocks) {
                    clockValues.put(clock.anchorName(), DerivedClockQuery.values(work.em(), mapping, clock,
                            page.stream().map(SubjectRows.Row::id).toList()));
                }
                for (SubjectRows.Row row : page) {
                    String entityId = String.valueOf(row.id());
                    List<LegalHold> rowHolds = anyHold ? holds.activeFor(connection, subjectId,
                            Optional.of(mapping.entityName()), Optional.of(entityId), now) : List.of();
                    List<PersonalDataAttribute> erase = new ArrayList<>();
                    Map<String, String> grounds = new java.util.HashMap<>();
                    boolean wholeRow = true;
                    for (PersonalDataAttribute attribute : attributes) {
                        Object value = row.values().get(names.indexOf(attribute.name()));
                        Decision byPerson = decided.get(Decision.key(mapping.entityName(), entityId,
                                List.of(attribute.name())));
                        if (byPerson != null && !byPerson.pending()) {
                            // a person's decision stands: the engine would only leave the value for review again
                            lines.add(decidedLine(mapping, entityId, attribute, byPerson));
                            if (byPerson.outcome().get() == Decision.Outcome.KEEP) {
                                wholeRow = false;
                            } else if (value != null) {
                                erase.add(attribute);
                                grounds.put(attribute.name(), byPerson.citation());
                            }
                            continue;
                        }
                        if (value == null) {
                            continue; // nothing to erase, nothing to keep
                        }
                        Optional<Instant> anchor = attribute.anchor().isEmpty() ? Optional.empty()
                                : AnchorValues.toInstant(clockValues.containsKey(attribute.anchor())
                                        ? clockValues.get(attribute.anchor()).get(row.id())
                                        : row.values().get(names.indexOf(attribute.anchor())), runtime.pack().zone());
                        RecordState state = new RecordState(anchor, consentStatus(events, subjectId, attribute),
                                rowHolds);
                        ErasureDecision decision = question.decide(attribute, state);
                        lines.add(line(mapping, entityId, attribute, decision));
                        if (decision.outcome() == ErasureDecision.Outcome.ERASE) {
                            erase.add(attribute);
                            grounds.put(attribute.name(), decision.citation());
                        } else {
                            wholeRow = false;
                        }
                    }
                    if (!erase.isEmpty()) {
                        eraser.erase(mapping, row, names, List.copyOf(erase), wholeRow, grounds);
                    }
                }
                eraser.endOfPage();
            });
        }
        return List.copyOf(lines);
    }

    /** Consent for any of the attribute's purposes in force is consent in force; otherwise the latest end. */
    private ConsentStatus consentStatus(List<ConsentEvent> events, String subjectId, PersonalDataAttribute attribute) {
        ConsentStatus result = ConsentStatus.unknown();
        for (String purpose : attribute.purposes()) {
            ConsentStatus status = consent.status(events, subjectId, purpose);
            if (status.state() == ConsentStatus.State.ACTIVE) {
                return status;
            }
            if (status.state() == ConsentStatus.State.ENDED && (result.endedAt().isEmpty()
                    || status.endedAt().get().isAfter(result.endedAt().get()))) {
                result = status;
            }
        }
        return result;
    }

    private static ErasureReport.Line decidedLine(EntityMapping mapping, String entityId,
                                                  PersonalDataAttribute attribute, Decision decision) {
        String by = decision.decidedBy().orElse("");
        boolean erased = decision.outcome().get() == Decision.Outcome.ERASE;
        return new ErasureReport.Line(mapping.entityName(), entityId, attribute.name(),
                erased ? ErasureReport.Outcome.ERASED : ErasureReport.Outcome.KEPT, decision.ruleId(),
                decision.citation(), Optional.empty(), Optional.empty(), erased
                ? RequestExecutionMessages.erasedByDecision(decision.id(), by)
                : RequestExecutionMessages.keptByDecision(decision.id(), by, decision.reason().orElse("")));
    }

    /** The rule's route, for a value its duty to keep refused: kept with the rule's exemption. */
    private static Optional<Route> route(PersonalDataAttribute attribute, ErasureDecision decision) {
        boolean refusedByDuty = decision.outcome() == ErasureDecision.Outcome.KEEP && attribute.rule().dutyToKeep()
                && decision.exemption().isPresent();
        return refusedByDuty ? attribute.rule().route() : Optional.empty();
    }

    private static ErasureReport.Line line(EntityMapping mapping, String entityId, PersonalDataAttribute attribute,
                                           ErasureDecision decision) {
        ErasureReport.Outcome outcome = switch (decision.outcome()) {
            case ERASE -> ErasureReport.Outcome.ERASED;
            case KEEP -> ErasureReport.Outcome.KEPT;
            case REVIEW -> ErasureReport.Outcome.REVIEW;
        };
        return new ErasureReport.Line(mapping.entityName(), entityId, attribute.name(), outcome,
                attribute.rule().id(), decision.citation(), decision.exemption().map(ErasureExemption::citation),
                decision.keepUntil(), decision.detail(), route(attribute, decision));
    }
}
