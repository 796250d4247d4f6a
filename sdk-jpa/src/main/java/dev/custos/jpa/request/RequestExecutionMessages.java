// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.Message;
import dev.custos.core.SafeCause;

/** Messages of data-subject request execution, ids 04700-04799 (see message-ranges.txt). */
final class RequestExecutionMessages {

    private RequestExecutionMessages() {
    }

    static Message unknownRequest(String requestId) {
        return Message.of(4701, "There is no data-subject request %s; receive it with RequestExecutor.receive(...)"
                + " first, or check the id", requestId);
    }

    static Message wrongType(String requestId, String type, String asked) {
        return Message.of(4702, "Data-subject request %s is a %s request and cannot be answered as %s; receive a"
                + " request of that type instead", requestId, type, asked);
    }

    static Message identityNotVerified(String requestId, String state) {
        return Message.of(4703, "Data-subject request %s is %s: the requester's identity has not been verified, so"
                + " nothing is disclosed or changed (GDPR Art. 12(6)); call verifyIdentity(...) once it is", requestId,
                state);
    }

    static Message unknownSubject(String requestId) {
        return Message.of(4704, "Data-subject request %s is refused: Custos knows nothing about its subject (no row"
                + " of any annotated entity and no consent event), so it cannot identify the data subject"
                + " (GDPR Art. 11(2)). Check the subject id the requester gave; the request is now REFUSED",
                requestId);
    }

    static Message requestClosed(String requestId, String state) {
        return Message.of(4705, "Data-subject request %s is %s and cannot be carried out again; receive a new"
                + " request", requestId, state);
    }

    static Message unknownEntity(String requestId, String entity) {
        return Message.of(4706, "Rectification %s names entity %s, which has no personal data in this persistence"
                + " unit; name an annotated entity", requestId, entity);
    }

    static Message notPersonalAttribute(String requestId, String entity, String attribute) {
        return Message.of(4707, "Rectification %s names %s.%s, which is not a @PersonalData attribute; only personal"
                + " data is rectified through a data-subject request", requestId, entity, attribute);
    }

    /** The row by the correction's place in the request, not its id, which may be the subject's own. */
    static Message rowNotOfSubject(String requestId, String correction, String entity) {
        return Message.of(4708, "Correction %s of rectification %s names a row of %s that does not exist or is not"
                + " the subject's data; nothing was changed", correction, requestId, entity);
    }

    static Message invalidId(String requestId, String correction, String entity, String type) {
        return Message.of(4709, "Correction %s of rectification %s names a row of %s by an id that is not a %s, the"
                + " type of that entity's id; give the id in that form", correction, requestId, entity, type);
    }

    static Message objectionStops(String attribute, String purposes, String citation) {
        return Message.of(4710, "%s: processing for direct marketing stops; consent for [%s] is recorded as"
                + " withdrawn (%s)", attribute, purposes, citation);
    }

    static Message objectionNeedsReview(String attribute, String citation, String reason) {
        return Message.of(4711, "%s: a person must decide on the objection (%s): %s", attribute, citation, reason);
    }

    static Message objectionDoesNotApply(String attribute, String citation, String reason) {
        return Message.of(4712, "%s: the right to object does not apply (%s): %s", attribute, citation, reason);
    }

    static Message noPurposes(String requestId) {
        return Message.of(4713, "Consent withdrawal %s names no purpose and the subject has no consent recorded;"
                + " name the purposes whose consent is withdrawn", requestId);
    }

    static Message executionFailed(String requestId, SafeCause cause) {
        return Message.of(4714, "Data-subject request %s could not be carried out, and nothing of it was committed:"
                + " %s. Fix the cause and run it again", requestId, cause);
    }

    static Message erasurePending(String requestId, String count) {
        return Message.of(4715, "Erasure %s stays in progress: %s attribute value(s) need a person's decision (see"
                + " the REVIEW lines, listed with Decisions.forRequest); decide each with Decisions.decide, and the"
                + " request completes when the last one is decided", requestId, count);
    }

    static Message erasureDone(String requestId) {
        return Message.of(4716, "Erasure %s is answered: every attribute was erased or is kept under the rule and"
                + " citation given", requestId);
    }

    static Message alreadyEmpty(String attribute) {
        return Message.of(4717, "%s holds no value; there is nothing to erase", attribute);
    }

    static Message deleteRowKeepsRow(String entity, String entityId) {
        return Message.of(4718, "%s is erased by DELETE_ROW, but row %s also holds values that are kept or left for"
                + " review, so the row stays: only the values to erase were nulled (NULLIFY) and the rest is kept",
                entity, entityId);
    }

    static Message subjectKeyShredded(String requestId) {
        return Message.of(4719, "Erasure %s left nothing of the subject: the subject's pseudonym key was destroyed"
                + " and the subject id removed from its requests, so the audit trail, the consent ledger and the"
                + " erasure log keep what was done but can no longer be linked to the person", requestId);
    }

    static Message subjectKeyKept(String requestId, String count) {
        return Message.of(4720, "Erasure %s keeps the subject's pseudonym key: %s value(s) are kept under a duty or"
                + " hold or left for review (see the KEPT and REVIEW lines), and their audit trail must stay linked"
                + " to the subject until they are erased too", requestId, count);
    }

    static Message auditIdentityKept(String requestId, String until, String citation) {
        return Message.of(4721, "Erasure %s left nothing of the subject: the subject id was removed from its requests,"
                + " and the subject's pseudonym key, which links the audit trail, the consent ledger and the erasure"
                + " log to the person, is kept until %s as the policy pack requires (%s); the retention sweep"
                + " destroys it then, and from then on those records no longer identify the person", requestId,
                until, citation);
    }

    static Message withdrawalAnswered(String requestId, String purposes, String erased, String kept, String review) {
        return Message.of(4722, "Consent withdrawal %s is answered: consent for [%s] is recorded as withdrawn, so"
                + " processing based on it stops (GDPR Art. 7(3)). Of the subject's values, %s resting only on that"
                + " consent were erased (GDPR Art. 17(1)(b)), %s are kept and %s are left for a person's decision;"
                + " each line says why", requestId, purposes, erased, kept, review);
    }

    static Message withdrawalDoesNotReach(String basis, String purposes) {
        return Message.of(4723, "Kept: the value rests on %s for [%s], not on the consent withdrawn, so the withdrawal"
                + " does not affect it", basis, purposes);
    }

    static Message consentStillGiven(String purposes, String basis) {
        return Message.of(4724, "Kept: consent for [%s] still stands, so the value keeps its basis (%s) until that"
                + " consent ends too", purposes, basis);
    }

    static Message receivedInTheFuture(String requestId, String receivedAt, String now) {
        return Message.of(4725, "Request %s is dated %s, after now (%s): a receipt dated ahead would move the legal"
                + " deadline with it. Record a request when it arrives, with the time it arrived", requestId,
                receivedAt, now);
    }

    static Message erasedByDecision(String decisionId, String decidedBy) {
        return Message.of(4726, "Erased: a person (%s) decided so in decision %s, after weighing the request",
                decidedBy, decisionId);
    }

    static Message keptByDecision(String decisionId, String decidedBy, String reason) {
        return Message.of(4727, "Kept: a person (%s) decided so in decision %s, for this reason: %s", decidedBy,
                decisionId, reason);
    }

    static Message unknownDecision(String decisionId) {
        return Message.of(4728, "There is no erasure line %s; list the lines waiting for a decision with"
                + " Decisions.undecided() or Decisions.forRequest(requestId)", decisionId);
    }

    static Message alreadyDecided(String decisionId, String outcome, String decidedBy, String decidedAt) {
        return Message.of(4729, "Erasure line %s was decided already (%s by %s at %s); a decision is final. If it"
                + " was wrong, answer a new request for the subject", decisionId, outcome, decidedBy, decidedAt);
    }

    static Message keepWithoutReason(String decisionId) {
        return Message.of(4730, "A decision to keep erasure line %s needs the reason for keeping it: the subject is"
                + " told it, and the audit records it. Give the reason, for example the legitimate interest that"
                + " overrides the request", decisionId);
    }

    static Message reasonTooLong(String decisionId, String length, String max) {
        return Message.of(4731, "The reason given for erasure line %s is %s characters long; at most %s are kept."
                + " Shorten it, and keep the full account in the case file it can refer to", decisionId, length,
                max);
    }

    static Message decisionEntityGone(String decisionId, String entity, String attributes) {
        return Message.of(4732, "Erasure line %s names %s [%s], which this deployment no longer declares as personal"
                + " data, so it cannot be erased by its strategy. Decide to keep it, or deploy the annotations it was"
                + " opened under", decisionId, entity, attributes);
    }

    static Message blankDecider(String decisionId) {
        return Message.of(4733, "Erasure line %s cannot be decided without the name of the person deciding: the"
                + " audit records who decided", decisionId);
    }

    static Message decisionOfClosedRequest(String decisionId, String requestId, String state) {
        return Message.of(4734, "Erasure line %s belongs to request %s, which is %s, so it can no longer be decided"
                + " under it; nothing was changed. Receive a new erasure request for the subject if the line must"
                + " still be answered", decisionId, requestId, state);
    }

    static Message routeOpen(String ruleId, String values, String route, String citation, String holdReason) {
        return Message.of(4786, "%s value(s) kept under rule \"%s\" can still be erased another way: %s (%s)."
                + " Starting that route (RequestExecutor.startRoute or RequestService.startRoute, per value) places"
                + " hold reason \"%s\" on the value's row, so the sweep keeps it while the route runs", values, ruleId,
                route, citation, holdReason);
    }

    static Message noRoute(String requestId, String entity, String attribute, String ruleId, String packId) {
        return Message.of(4787, "Request %s: %s.%s is kept under rule \"%s\", for which policy pack \"%s\" names no"
                + " route, so there is none to start and no hold was placed; the refusal stands under the pack. Add a"
                + " <refusal><route> to the rule if the law has one", requestId, entity, attribute, ruleId, packId);
    }

    static Message routeUnknownValue(String requestId, String entity, String attribute) {
        return Message.of(4788, "Request %s: %s.%s is not a @PersonalData attribute of this persistence unit, so it"
                + " has no route; name the entity and attribute of a line of the request's report", requestId,
                entity, attribute);
    }

    static Message routeRowNotOfSubject(String requestId, String entity) {
        return Message.of(4789, "Request %s: the row of %s named for the route does not exist or is not the"
                + " subject's data; no hold was placed. Name the id of a line of the request's report", requestId,
                entity);
    }

    static Message routeWrongRequest(String requestId, String type, String state) {
        return Message.of(4790, "Request %s is a %s request in state %s: a route starts from a value an erasure or a"
                + " consent withdrawal kept, once that request was carried out (IN_PROGRESS or COMPLETED)",
                requestId, type, state);
    }

    public static Message deciderRoleRequired(String caller, String operation, String role) {
        return Message.of(4791, "%s may not %s: it requires role %s (setting custos.roles.decider)", caller,
                operation, role);
    }
}
