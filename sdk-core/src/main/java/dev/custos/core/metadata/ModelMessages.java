// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.metadata;

import dev.custos.core.Message;

/** Messages of the annotated-model area, ids 01000-01099 (see message-ranges.txt). */
final class ModelMessages {

    private ModelMessages() {
    }

    static Message invalidModel(String count) {
        return Message.of(1001, "The annotated model has %s problem(s); fix them all and redeploy", count);
    }

    static Message missingDataSubject(String entity) {
        return Message.of(1002, "%s has @PersonalData attributes but no @DataSubject; mark the attribute (or to-one"
                + " relation) that says whose data a row is", entity);
    }

    static Message multipleDataSubjects(String entity, String attributes) {
        return Message.of(1003, "%s has several @DataSubject attributes [%s]; a row belongs to one data subject, so"
                + " keep one", entity, attributes);
    }

    static Message consentWithoutPurpose(String location) {
        return Message.of(1004, "%s is processed on the basis of consent but declares no purpose; add"
                + " purpose = \"...\" (consent is always given for a purpose)", location);
    }

    static Message sensitiveWithoutPurpose(String location, String category) {
        return Message.of(1041, "%s holds %s, special-category (or criminal-offence) data, but declares no purpose;"
                + " such data is processed only under a purpose it declares, so add purpose = \"...\" naming each"
                + " purpose it is processed for, such as \"treatment\"", location, category);
    }

    static Message specialWithoutCondition(String location, String category) {
        return Message.of(1005, "%s holds %s, a special category of GDPR Art. 9(1), but names no Art. 9(2) condition;"
                + " add condition = (for a clinic usually HEALTH_OR_SOCIAL_CARE or EXPLICIT_CONSENT)", location,
                category);
    }

    static Message conditionOnOrdinaryData(String location, String condition, String category) {
        return Message.of(1006, "%s names the Art. 9(2) condition %s, but %s is not a special category; remove the"
                + " condition or fix the category", location, condition, category);
    }

    static Message blankPurpose(String location) {
        return Message.of(1007, "%s declares a blank purpose; name each purpose, such as \"treatment\"", location);
    }

    static Message noAnchor(String location, String spec) {
        return Message.of(1009, "%s has retention \"%s\", which runs from an event, but the entity has no"
                + " @RetentionAnchor; mark the date attribute the period starts from", location, spec);
    }

    static Message unknownEvent(String location, String spec, String event, String anchors, String nearest) {
        if (!nearest.isEmpty()) {
            return Message.of(1010, "%s has retention \"%s\", which runs from the event \"%s\", but the entity's"
                    + " anchors and clocks record [%s]; did you mean \"%s\"? Correct the event name, or add"
                    + " @RetentionAnchor(event = \"%s\") to the right attribute (or a @DerivedClock)", location, spec, event, anchors,
                    nearest, event);
        }
        return Message.of(1010, "%s has retention \"%s\", which runs from the event \"%s\", but the entity's anchors"
                + " and clocks record [%s]; add @RetentionAnchor(event = \"%s\") to the right attribute (or a"
                + " @DerivedClock)", location, spec, event,
                anchors, event);
    }

    static Message ambiguousAnchor(String location, String spec, String anchors) {
        return Message.of(1011, "%s has retention \"%s\", but the entity has several anchors [%s]; name one, as in"
                + " \"P5Y after last-entry\" or \"P5Y after fiscal-year-end of invoice-date\"", location, spec, anchors);
    }

    static Message unsupportedAnchorType(String location, String type, String supported) {
        return Message.of(1012, "%s is a @RetentionAnchor of type %s; use one of %s", location, type, supported);
    }

    static Message untilWithdrawnWithoutConsent(String location, String basis) {
        return Message.of(1013, "%s is kept \"until-consent-withdrawn\" but its basis is %s, not consent; state a"
                + " period or change the basis", location, basis);
    }

    static Message derivedFromUnknown(String location, String source) {
        return Message.of(1014, "%s is @DerivedFrom \"%s\", which is not a @PersonalData attribute of the entity",
                location, source);
    }

    static Message basisDiffersFromRule(String location, String basis, String ruleId, String ruleBasis) {
        return Message.of(1015, "%s has basis %s, but rule \"%s\" of the active pack keeps such data under %s; align"
                + " the basis with the law the pack states, or use another rule", location, basis, ruleId, ruleBasis);
    }

    static Message deleteRowWithMixedRules(String entity, String rules) {
        return Message.of(1016, "%s erases rows whole (DELETE_ROW), but its attributes follow different retention"
                + " rules [%s]; deleting the row when one is due would erase the others early. Use one rule, or"
                + " erase attribute by attribute", entity, rules);
    }

    static Message unsupportedErasureType(String location, String strategy, String type, String supported) {
        return Message.of(1017, "%s cannot be erased with %s: its type is %s; %s", location, strategy, type,
                supported);
    }

    static Message collectionSubject(String location) {
        return Message.of(1018, "%s is a collection; @DataSubject must be a basic attribute or a to-one relation",
                location);
    }

    static Message duplicateAnchorEvent(String entity, String event, String attributes) {
        return Message.of(1019, "%s has several @RetentionAnchor attributes for event \"%s\" [%s]; give each its own"
                + " event name", entity, event.isEmpty() ? "(unnamed)" : event, attributes);
    }

    static Message malformedEventName(String location, String event) {
        return Message.of(1020, "%s: @RetentionAnchor event \"%s\" is not a kebab-case name of at most 64 characters"
                + " such as \"last-entry\"",
                location, event);
    }

    static Message duplicateEntity(String entity) {
        return Message.of(1021, "%s is listed twice; each entity class is read once", entity);
    }

    static Message conditionDiffersFromRule(String location, String condition, String ruleId, String ruleCondition) {
        return Message.of(1022, "%s has condition %s, but rule \"%s\" of the active pack keeps such data under %s;"
                + " align the condition with the law the pack states, or use another rule", location, condition,
                ruleId, ruleCondition);
    }

    static Message legalObligationWithoutPackRule(String location, String retention) {
        return Message.of(1023, "%s is kept under a legal obligation with the inline retention \"%s\"; a duty to keep"
                + " is law and needs its citation, so name a rule of the policy pack (retention = \"policy:...\")",
                location, retention);
    }

    static Message missingAssignedCaller(String entity, String rules) {
        return Message.of(1024, "%s keeps data under rule(s) [%s], which only the assigned caller may read, but has no"
                + " @AssignedCaller attribute; mark the attribute that names the caller (such as the treating"
                + " clinician)", entity, rules);
    }

    static Message multipleAssignedCallers(String entity, String attributes) {
        return Message.of(1025, "%s has several @AssignedCaller attributes [%s]; a record is assigned to one caller",
                entity, attributes);
    }

    static Message assignedCallerType(String location, String type) {
        return Message.of(1026, "%s is @AssignedCaller but of type %s; it must be a String holding the caller's name",
                location, type);
    }

    static Message clockEventTaken(String entity, String event) {
        return Message.of(1056, "%s has two clocks for the event \"%s\" (a @RetentionAnchor or another"
                + " @DerivedClock); give each clock its own event name, so every rule says which one it runs from",
                entity, event);
    }

    static Message clockForm(String location) {
        return Message.of(1057, "%s must name either path = \"relation.relation.date\" or entity = X.class with"
                + " attribute = \"date\", not both and not neither", location);
    }

    static Message clockUnknownSegment(String location, String path, String segment, String type, String hint) {
        return Message.of(1058, "%s: in path \"%s\", %s has no attribute \"%s\"%s", location, path, type, segment,
                hint);
    }

    static Message clockNotADate(String location, String attribute, String type, String supported) {
        return Message.of(1059, "%s: %s is of type %s, which cannot be a clock; use an attribute of type %s",
                location, attribute, type, supported);
    }

    static Message clockNotARelation(String location, String attribute, String type) {
        return Message.of(1060, "%s: %s is of type %s, not a relation to another entity, so the path cannot go on"
                + " from it; end the path at the date attribute", location, attribute, type);
    }

    static Message clockEntityWithoutSubject(String location, String entity) {
        return Message.of(1061, "%s: %s has no @DataSubject attribute, so its rows cannot be matched to a row's data"
                + " subject; mark its subject attribute, or use path = \"...\" through a relation", location, entity);
    }

    static Message unknownNextDate(String location, String retention, String day, String pack) {
        return Message.of(1062, "%s: retention \"%s\" moves the due date to \"%s\", but pack %s has no setting of"
                + " that name holding a month-day (such as --01-31); add the setting to the pack or write the day",
                location, retention, day, pack);
    }
}
