// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import dev.custos.core.gdpr.ErasureExemption;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.gdpr.SpecialCategoryCondition;
import dev.custos.core.retention.RetentionSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One retention rule of a policy pack: how long a kind of data is kept, from when, whether the law makes
 * keeping it a duty, and on what sources this rests.
 *
 * @param id          the rule id, referenced as {@code retention = "policy:<id>"}
 * @param title       what data the rule covers, for example {@code "Client journal"}
 * @param basis       the Art. 6(1) basis the law gives for keeping the data
 * @param condition   the Art. 9(2) condition, for special categories; {@code NONE} otherwise
 * @param retention   how long; never a {@code policy:} reference
 * @param dutyToKeep  whether keeping the data until the retention ends is a legal duty, which overrides an
 *                    erasure request (GDPR Art. 17(3))
 * @param exemption   the Art. 17(3) exemption that applies while the duty lasts; present iff {@code dutyToKeep}
 * @param onDue       what the sweep does once the retention has ended
 * @param citations   the sources, at least one
 * @param seedWording how the model clinic's own policy puts it, where that differs from the law; may be empty
 * @param note        anything else an auditor should know; may be empty
 * @param access      who may read and change the data, beyond consent
 * @param refusal     how a refusal based on the duty to keep reads: its key citations and the subject's route;
 *                    empty when the pack states none, and then a refusal cites all of {@code citations}
 */
public record PolicyRule(String id, String title, LegalBasis basis, SpecialCategoryCondition condition,
                         RetentionSpec retention, boolean dutyToKeep,
                         Optional<ErasureExemption> exemption, DueAction onDue, List<Citation> citations,
                         String seedWording, String note, RuleAccess access, Optional<Refusal> refusal) {

    /** A rule whose refusals cite every citation and name no route. */
    public PolicyRule(String id, String title, LegalBasis basis, SpecialCategoryCondition condition,
                      RetentionSpec retention, boolean dutyToKeep, Optional<ErasureExemption> exemption,
                      DueAction onDue, List<Citation> citations, String seedWording, String note, RuleAccess access) {
        this(id, title, basis, condition, retention, dutyToKeep, exemption, onDue, citations, seedWording, note,
                access, Optional.empty());
    }

    /** A rule open to {@link RuleAccess#ANY any} caller. */
    public PolicyRule(String id, String title, LegalBasis basis, SpecialCategoryCondition condition,
                      RetentionSpec retention, boolean dutyToKeep, Optional<ErasureExemption> exemption,
                      DueAction onDue, List<Citation> citations, String seedWording, String note) {
        this(id, title, basis, condition, retention, dutyToKeep, exemption, onDue, citations, seedWording, note,
                RuleAccess.ANY);
    }

    public PolicyRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(exemption, "exemption");
        Objects.requireNonNull(onDue, "onDue");
        citations = List.copyOf(citations);
        Objects.requireNonNull(seedWording, "seedWording");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(refusal, "refusal");
    }

    /**
     * A rule written inline in an annotation, such as {@code retention = "P3M"}: a limit, erased when due,
     * and cited to the annotation itself. It is never a duty to keep: duties are law, and law lives in
     * policy packs with its citations.
     */
    public static PolicyRule inline(RetentionSpec retention, LegalBasis basis, SpecialCategoryCondition condition,
                                    String location) {
        return new PolicyRule(retention.toString(), "Data of " + location, basis, condition, retention, false,
                Optional.empty(), DueAction.ERASE,
                List.of(new Citation("@PersonalData on " + location, "", true, "")), "", "");
    }

    /** Whether every citation of the rule has been checked against its source. */
    public boolean verified() {
        return citations.stream().allMatch(Citation::verified)
                && refusalCitations().stream().allMatch(Citation::verified)
                && route().map(r -> r.citations().stream().allMatch(Citation::verified)).orElse(true);
    }

    /** The citations joined for one line of a report. */
    public String citationLine() {
        return String.join("; ", citations.stream().map(Citation::toString).toList());
    }

    /** The citations a refusal based on this rule's duty to keep names: the pack's key ones, else all. */
    public List<Citation> refusalCitations() {
        return refusal.map(Refusal::citations).orElse(citations);
    }

    /** {@link #refusalCitations()} joined for one line of a report. */
    public String refusalCitationLine() {
        return String.join("; ", refusalCitations().stream().map(Citation::toString).toList());
    }

    /** What the subject can still do when this rule's duty to keep refuses an erasure; empty if nothing. */
    public Optional<Route> route() {
        return refusal.flatMap(Refusal::route);
    }
}
