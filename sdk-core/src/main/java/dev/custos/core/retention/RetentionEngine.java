// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.retention;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.consent.ConsentStatus;
import dev.custos.core.gdpr.Applicability;
import dev.custos.core.gdpr.DataSubjectRight;
import dev.custos.core.gdpr.ErasureExemption;
import dev.custos.core.gdpr.Processing;
import dev.custos.core.gdpr.RightAssessment;
import dev.custos.core.gdpr.RightsMap;
import dev.custos.core.policy.DueAction;
import dev.custos.core.policy.HoldReason;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyRule;
import dev.custos.core.retention.ErasureDecision.Outcome;
import dev.custos.core.retention.RetentionDecision.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers "must I keep this record, must I erase it, and why" for one policy pack.
 * <p>
 * Due dates are computed in the pack's time zone with calendar arithmetic: a period in years or months
 * keeps the day of month and clamps at month ends (29 February + 1 year is 28 February), and adding a
 * period keeps the local time across daylight-saving changes. A date-only anchor stands for the end of
 * its day (see {@link AnchorValues}), so a period is never cut short by the hours of its first day. A period from the end of the fiscal year
 * starts at the first moment of the next fiscal year. A specification ending in {@code at next <day>} is due at
 * the start of the first such day of the year (in the pack's zone) that does not come before the period's end.
 * When a due date cannot be known the record is kept and the decision says why. Stateless apart from the clock; thread-safe.
 */
public final class RetentionEngine {

    private final PolicyPack pack;
    private final Clock clock;

    public RetentionEngine(PolicyPack pack, Clock clock) {
        this.pack = Objects.requireNonNull(pack, "pack");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public PolicyPack pack() {
        return pack;
    }

    /**
     * The instant from which the record may be erased under {@code rule}, if that can be known now. For
     * consent-based data a period is a limit: withdrawing consent ends the retention earlier.
     */
    public Optional<Instant> dueAt(PolicyRule rule, RecordState record) {
        RetentionSpec spec = rule.retention();
        Optional<Instant> consentEnded = consentBased(rule) ? record.consent().endedAt() : Optional.empty();
        return switch (spec.kind()) {
            case POLICY_RULE -> throw new CustosException(RetentionMessages.unresolvedRule(spec.toString()));
            case UNTIL_CONSENT_WITHDRAWN -> record.consent().endedAt();
            case PERIOD -> {
                Optional<Instant> end = record.anchor().map(anchor -> periodEnd(spec, anchor));
                if (consentEnded.isPresent() && (end.isEmpty() || consentEnded.get().isBefore(end.get()))) {
                    yield consentEnded;
                }
                yield end;
            }
        };
    }

    /**
     * The last local day, in the pack's zone, on which the record is kept: for a journal whose last entry
     * is dated 2020-03-15 and a five-year rule, 2025-03-15.
     */
    public Optional<LocalDate> retainedThrough(PolicyRule rule, RecordState record) {
        return dueAt(rule, record).map(due -> due.minusNanos(1).atZone(pack.zone()).toLocalDate());
    }

    /** What the sweep must do with the record now. */
    public RetentionDecision decide(PolicyRule rule, RecordState record) {
        Instant now = clock.instant();
        Optional<Instant> due = dueAt(rule, record);
        Optional<LegalHold> hold = record.holds().stream().filter(h -> h.activeAt(now)).findFirst();
        if (hold.isPresent()) {
            return new RetentionDecision(Status.HELD, due, rule, hold, held(hold.get()));
        }
        if (due.isEmpty()) {
            if (rule.retention().kind() != RetentionSpec.Kind.UNTIL_CONSENT_WITHDRAWN) {
                return new RetentionDecision(Status.UNDETERMINED, due, rule, hold, RetentionMessages.noAnchor(rule.id()));
            }
            if (record.consent().state() == ConsentStatus.State.ACTIVE) {
                return new RetentionDecision(Status.RETAINED, due, rule, hold,
                        RetentionMessages.keptWhileConsent(rule.id(), rule.citationLine()));
            }
            return new RetentionDecision(Status.UNDETERMINED, due, rule, hold,
                    RetentionMessages.consentUnknown(rule.id()));
        }
        String dueText = describe(due.get());
        if (now.isBefore(due.get())) {
            return new RetentionDecision(Status.RETAINED, due, rule, hold,
                    RetentionMessages.retained(rule.id(), dueText, rule.citationLine()));
        }
        if (rule.onDue() == DueAction.REVIEW) {
            return new RetentionDecision(Status.REVIEW, due, rule, hold,
                    RetentionMessages.reviewDue(rule.id(), dueText, rule.citationLine()));
        }
        return new RetentionDecision(Status.DUE, due, rule, hold,
                RetentionMessages.due(rule.id(), dueText, rule.citationLine()),
                Optional.of(erasureGround(rule, record)));
    }

    /**
     * The answer to an erasure request for the record: a legal hold or a duty to keep wins (naming the
     * rule, its {@linkplain PolicyRule#refusalCitations() refusal citations} and the GDPR Art. 17(3) exemption);
     * otherwise the rights map decides.
     */
    public ErasureDecision assessErasureRequest(PolicyRule rule, Processing processing, RecordState record) {
        Instant now = clock.instant();
        Optional<LegalHold> hold = record.holds().stream().filter(h -> h.activeAt(now)).findFirst();
        if (hold.isPresent()) {
            return new ErasureDecision(Outcome.KEEP, holdCitation(hold.get()), Optional.empty(), Optional.empty(),
                    RetentionMessages.erasureKeptByHold(hold.get().id(), hold.get().reasonId(),
                            holdCitation(hold.get())));
        }
        if (rule.dutyToKeep()) {
            Optional<Instant> due = dueAt(rule, record);
            // a refusal names the pack's key citations for it, not every source of the rule
            String refusal = rule.refusalCitationLine();
            if (due.isEmpty()) {
                return new ErasureDecision(Outcome.KEEP, refusal, rule.exemption(), due,
                        RetentionMessages.erasureKeptStartUnknown(rule.id(), refusal));
            }
            if (now.isBefore(due.get())) {
                String exemption = rule.exemption().map(e -> e.citation()).orElse("");
                return new ErasureDecision(Outcome.KEEP, refusal, rule.exemption(), due,
                        RetentionMessages.erasureKeptByDuty(rule.title(), describe(due.get()), refusal, exemption));
            }
            if (rule.onDue() == DueAction.REVIEW) {
                // the law asks for a decision before such data is deleted, request or not
                return new ErasureDecision(Outcome.REVIEW, rule.citationLine(), Optional.empty(), due,
                        RetentionMessages.erasureReviewAfterDuty(rule.title(), describe(due.get()),
                                rule.citationLine()));
            }
            // the duty is over, so the data is no longer necessary for the purpose it was kept for
            return new ErasureDecision(Outcome.ERASE, "GDPR Art. 17(1)(a)", Optional.empty(), due,
                    RetentionMessages.erasureAfterDuty(rule.title(), describe(due.get()), rule.citationLine()));
        }
        RightAssessment right = RightsMap.assess(DataSubjectRight.ERASURE, processing);
        if (right.exemption().filter(e -> e == ErasureExemption.LEGAL_OBLIGATION).isPresent()) {
            // Art. 17(3)(b) holds only while a duty lasts, and the pack says whether there is one: here there is not
            return new ErasureDecision(Outcome.REVIEW, right.citation(), Optional.empty(), Optional.empty(),
                    RetentionMessages.erasureReviewWithoutDuty(rule.id(), right.reason()));
        }
        if (right.applicability() == Applicability.DOES_NOT_APPLY) {
            return new ErasureDecision(Outcome.KEEP, right.citation(), right.exemption(), Optional.empty(),
                    RetentionMessages.erasureRefused(right.citation(), right.reason()));
        }
        if (right.applicability() == Applicability.CASE_BY_CASE) {
            return new ErasureDecision(Outcome.REVIEW, right.citation(), right.exemption(), Optional.empty(),
                    RetentionMessages.erasureNeedsReview(right.citation(), right.reason()));
        }
        return new ErasureDecision(Outcome.ERASE, right.citation(), Optional.empty(), Optional.empty(),
                RetentionMessages.erasureGranted(right.citation(), right.reason()));
    }

    /**
     * The GDPR Art. 17(1) ground on which a record whose retention under {@code rule} has ended is erased:
     * {@code GDPR Art. 17(1)(b)} when the subject's withdrawn consent ended it (a consent-based rule, and the
     * retention ended when the consent did), {@code GDPR Art. 17(1)(a)} (no longer necessary) when its period ran
     * out.
     */
    public String erasureGround(PolicyRule rule, RecordState record) {
        Optional<Instant> consentEnded = record.consent().endedAt();
        boolean consentClock = consentBased(rule)
                || rule.retention().kind() == RetentionSpec.Kind.UNTIL_CONSENT_WITHDRAWN;
        boolean byWithdrawal = consentClock && consentEnded.isPresent() && consentEnded.equals(dueAt(rule, record));
        return byWithdrawal ? "GDPR Art. 17(1)(b)" : "GDPR Art. 17(1)(a)";
    }

    private Instant periodEnd(RetentionSpec spec, Instant anchor) {
        Instant end = plainPeriodEnd(spec, anchor);
        if (spec.next().isEmpty()) {
            return end;
        }
        // "at next --01-31": the start of the first such day that does not come before the period's end
        MonthDay day = pack.monthDay(spec.next().get()).orElseThrow(() -> new CustosException(
                RetentionMessages.unknownNextDate(spec.next().get(), pack.id())));
        ZoneId zone = pack.zone();
        LocalDate endDate = end.atZone(zone).toLocalDate();
        Instant candidate = day.atYear(endDate.getYear()).atStartOfDay(zone).toInstant();
        if (candidate.isBefore(end)) {
            candidate = day.atYear(endDate.getYear() + 1).atStartOfDay(zone).toInstant();
        }
        return candidate;
    }

    private Instant plainPeriodEnd(RetentionSpec spec, Instant anchor) {
        ZoneId zone = pack.zone();
        Period period = spec.period().orElseThrow();
        if (spec.start() == RetentionSpec.Start.FISCAL_YEAR_END) {
            LocalDate anchorDate = anchor.atZone(zone).toLocalDate();
            LocalDate yearEnd = pack.fiscalYearEnd().atYear(anchorDate.getYear());
            if (yearEnd.isBefore(anchorDate)) {
                yearEnd = pack.fiscalYearEnd().atYear(anchorDate.getYear() + 1);
            }
            return yearEnd.plusDays(1).plus(period).atStartOfDay(zone).toInstant();
        }
        return anchor.atZone(zone).plus(period).toInstant();
    }

    private Message held(LegalHold hold) {
        return RetentionMessages.held(hold.id(), hold.reasonId(), holdCitation(hold));
    }

    private String holdCitation(LegalHold hold) {
        return pack.holdReason(hold.reasonId())
                .map(HoldReason::citations)
                .map(c -> String.join("; ", c.stream().map(Object::toString).toList()))
                .orElse("hold reason \"" + hold.reasonId() + "\" (not in pack " + pack.id() + ")");
    }

    private String describe(Instant instant) {
        return instant.atZone(pack.zone()).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static boolean consentBased(PolicyRule rule) {
        return new Processing(rule.basis(), rule.condition(), false, false).consentBased();
    }
}
