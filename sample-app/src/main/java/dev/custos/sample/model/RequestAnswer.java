// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import java.time.LocalDateTime;

/**
 * The clinic's answer to a data-subject request, kept so that the requester can read it when they follow the
 * request. It holds Custos' report (what was erased or kept, under which rule and citation), never the personal data
 * itself: an access export goes to the requester and is not stored again. It names the subject only by the request
 * id, which Custos keeps pseudonymised with the request.
 */
@Entity
public class RequestAnswer {

    @Id
    @Column(length = 64)
    public String requestId;

    /** When it was answered, in UTC. */
    public LocalDateTime answeredAt;

    @Lob
    public String answer;

    protected RequestAnswer() {
    }

    public RequestAnswer(String requestId, LocalDateTime answeredAt, String answer) {
        this.requestId = requestId;
        this.answeredAt = answeredAt;
        this.answer = answer;
    }
}
