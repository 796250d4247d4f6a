// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.retention;

import dev.custos.core.Message;

/** Messages of the retention area, ids 01100-01199 (see message-ranges.txt). */
final class RetentionMessages {

    private static final String FORMS = "write an ISO-8601 period such as \"P5Y\" or \"P1Y6M\", \"P5Y after last-entry\","
            + " \"P5Y after fiscal-year-end\", \"until-consent-withdrawn\" or \"policy:<rule>\"";

    private RetentionMessages() {
    }

    static Message emptyRetention(String location) {
        return Message.of(1101, "%s: the retention is empty; %s", location, FORMS);
    }

    static Message malformedPeriod(String location, String value) {
        return Message.of(1102, "%s: retention \"%s\" is not an ISO-8601 period; %s", location, value, FORMS);
    }

    static Message timeInPeriod(String location, String value) {
        return Message.of(1103, "%s: retention \"%s\" has a time part; retention is counted in years, months, weeks"
                + " and days (write \"P1D\" rather than \"PT24H\")", location, value);
    }

    static Message negativePeriod(String location, String value) {
        return Message.of(1104, "%s: retention \"%s\" is negative; use \"P0D\" for data that is due at once",
                location, value);
    }

    static Message unknownRetentionForm(String location, String value) {
        return Message.of(1105, "%s: retention \"%s\" is not understood; %s", location, value, FORMS);
    }

    static Message malformedEventName(String location, String value, String event) {
        return Message.of(1106, "%s: retention \"%s\" names the event \"%s\", which is not a kebab-case name of at most 64"
                + " characters such as \"last-entry\"", location, value, event);
    }

    static Message malformedRuleName(String location, String value) {
        return Message.of(1107, "%s: retention \"%s\" does not name a policy rule; write \"policy:\" and a kebab-case"
                + " rule id of at most 64 characters such as \"policy:journal\"", location, value);
    }

    static Message unsupportedAnchorType(String type, String supported) {
        return Message.of(1108, "A retention anchor of type %s is not supported; use one of %s", type, supported);
    }

    static Message unresolvedRule(String spec) {
        return Message.of(1109, "Retention \"%s\" must be resolved against a policy pack (PolicyPack.resolve) before"
                + " due dates can be computed", spec);
    }

    static Message retained(String ruleId, String dueAt, String citation) {
        return Message.of(1110, "Kept under rule \"%s\" until %s (%s)", ruleId, dueAt, citation);
    }

    static Message due(String ruleId, String dueAt, String citation) {
        return Message.of(1111, "Due for erasure under rule \"%s\" since %s (%s)", ruleId, dueAt, citation);
    }

    static Message held(String holdId, String reasonId, String citation) {
        return Message.of(1112, "Kept by legal hold %s (%s: %s), whatever its due date", holdId, reasonId, citation);
    }

    static Message reviewDue(String ruleId, String dueAt, String citation) {
        return Message.of(1113, "Retention under rule \"%s\" ended at %s; the rule asks a person to decide before"
                + " deletion, so it is kept and listed for review (%s)", ruleId, dueAt, citation);
    }

    static Message noAnchor(String ruleId) {
        return Message.of(1114, "Kept: rule \"%s\" runs from the record's retention anchor, which is empty, so the"
                + " due date cannot be known; fill the @RetentionAnchor attribute", ruleId);
    }

    static Message consentUnknown(String ruleId) {
        return Message.of(1115, "Kept: rule \"%s\" keeps data until consent is withdrawn, and the consent ledger has"
                + " no consent state for it; check the ledger", ruleId);
    }

    static Message keptWhileConsent(String ruleId, String citation) {
        return Message.of(1116, "Kept under rule \"%s\" while consent stands (%s)", ruleId, citation);
    }

    static Message erasureKeptByHold(String holdId, String reasonId, String citation) {
        return Message.of(1117, "Not erased: legal hold %s (%s) requires keeping it (%s)", holdId, reasonId, citation);
    }

    static Message erasureKeptStartUnknown(String ruleId, String citation) {
        return Message.of(1118, "Not erased: rule \"%s\" is a duty to keep, and when it ends cannot be known because"
                + " the record's retention anchor is empty (%s)", ruleId, citation);
    }

    static Message erasureKeptByDuty(String title, String until, String citation, String exemption) {
        return Message.of(1119, "Not erased: %s must be kept until %s under %s; the right to erasure does not apply"
                + " while that duty lasts (%s)", title, until, citation, exemption);
    }

    static Message erasureRefused(String citation, String reason) {
        return Message.of(1120, "Not erased (%s): %s", citation, reason);
    }

    static Message erasureNeedsReview(String citation, String reason) {
        return Message.of(1121, "Kept until a person decides (%s): %s", citation, reason);
    }

    static Message erasureGranted(String citation, String reason) {
        return Message.of(1122, "Erased (%s): %s", citation, reason);
    }

    static Message periodTooLong(String location, String value, String maxYears) {
        return Message.of(1124, "%s: retention \"%s\" is longer than %s years; check the value", location, value,
                maxYears);
    }

    static Message erasureReviewAfterDuty(String title, String endedAt, String citation) {
        return Message.of(1125, "Kept until a person decides: the duty to keep %s ended at %s, and the rule asks for"
                + " an assessment before deletion (%s)", title, endedAt, citation);
    }

    static Message erasureReviewWithoutDuty(String ruleId, String reason) {
        return Message.of(1126, "Kept until a person decides: the data is processed under a legal obligation, but rule"
                + " \"%s\" states no duty to keep it (%s)", ruleId, reason);
    }

    static Message erasureAfterDuty(String title, String endedAt, String citation) {
        return Message.of(1123, "Erased (GDPR Art. 17(1)(a)): the duty to keep %s ended at %s (%s), so it is no"
                + " longer necessary", title, endedAt, citation);
    }

    static Message malformedNextDate(String location, String value, String day) {
        return Message.of(1130, "%s: retention \"%s\" moves the due date to \"%s\", which is neither a month-day"
                + " such as --01-31 nor a pack setting's name in kebab case", location, value, day);
    }

    static Message unknownNextDate(String day, String pack) {
        return Message.of(1131, "The due date moves to \"%s\", but pack %s has no setting of that name holding a"
                + " month-day (such as --01-31)", day, pack);
    }
}
