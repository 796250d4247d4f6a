// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.request;

import dev.custos.core.Message;

/** Messages of the data-subject request area, ids 02200-02299 (see message-ranges.txt). */
final class RequestMessages {

    private RequestMessages() {
    }

    static Message blankRequestId() {
        return Message.of(2201, "A data-subject request has a blank id; give every request a unique id (for example"
                + " its ticket number) so that its answer and history can be traced");
    }

    static Message blankSubjectId(String requestId) {
        return Message.of(2202, "Request %s has a blank subject id; give the id of the data subject the request"
                + " concerns", requestId);
    }

    static Message requestIdTooLong(String length, String max) {
        return Message.of(2212, "A data-subject request's id is %s characters long; Custos keeps ids of up to %s."
                + " Give the request a shorter id, or let Custos make one", length, max);
    }

    static Message subjectIdTooLong(String requestId, String length, String max) {
        return Message.of(2213, "Request %s names a subject id %s characters long; Custos keeps subject ids of up"
                + " to %s. Use the application's key of the person (not a name or a document), or a shorter"
                + " reference to it", requestId, length, max);
    }

    static Message blankActor(String requestId, String target) {
        return Message.of(2203, "Request %s cannot become %s with a blank actor; name the user or system that makes"
                + " the move, because the history must show who did what", requestId, target);
    }

    static Message illegalTransition(String requestId, String current, String target, String allowed) {
        return Message.of(2204, "Request %s is %s and cannot become %s; the allowed next states are: %s. A COMPLETED"
                + " or REFUSED request is closed: record a further request from the subject as a new request",
                requestId, current, target, allowed);
    }

    static Message alreadyExtended(String requestId, String extendedAt, String extendedLastDay) {
        return Message.of(2205, "Request %s was already extended at %s; GDPR Art. 12(3) allows one extension by two"
                + " further months, so complete or refuse the request by %s", requestId, extendedAt, extendedLastDay);
    }

    static Message extensionTooLate(String requestId, String at, String lastDay) {
        return Message.of(2206, "Request %s cannot be extended at %s because its deadline (last day %s) has passed;"
                + " GDPR Art. 12(3) requires the subject to be told of an extension, with reasons, within the"
                + " original period, so answer or refuse the request now", requestId, at, lastDay);
    }

    static Message extensionWithoutReason(String requestId) {
        return Message.of(2207, "Request %s cannot be extended without a reason; GDPR Art. 12(3) requires the data"
                + " subject to be told why (for example the complexity or number of requests), so give the reason",
                requestId);
    }

    static Message refusalWithoutReason(String requestId) {
        return Message.of(2208, "Request %s cannot be refused without a reason; GDPR Art. 12(4) requires the data"
                + " subject to be told why the controller does not act, and of the right to complain to a"
                + " supervisory authority, so give the reason", requestId);
    }

    static Message refusalWithoutCitation(String requestId) {
        return Message.of(2209, "Request %s cannot be refused without a citation; name the provision the refusal"
                + " rests on, for example \"GDPR Art. 11(2)\" when the subject cannot be identified or"
                + " \"GDPR Art. 17(3)(b)\" when a legal obligation requires the data to be kept", requestId);
    }

    static Message moveBeforeLastEvent(String requestId, String target, String at, String lastEventAt) {
        return Message.of(2210, "Request %s cannot become %s at %s, which is before its last recorded event at %s;"
                + " record moves in the order they happened, each with the time it happened",
                requestId, target, at, lastEventAt);
    }

    static Message promiseNotPositive(String period) {
        return Message.of(2211, "The policy pack promises to answer requests within %s, which is not a positive"
                + " period; write a period such as \"P30D\", or leave the promise out to use the calendar month of"
                + " GDPR Art. 12(3)", period);
    }
}
