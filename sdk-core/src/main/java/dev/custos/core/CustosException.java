// SPDX-License-Identifier: Apache-2.0
package dev.custos.core;

import java.util.Objects;

/**
 * The root of every exception Custos throws. It always carries a {@link Message} with a stable id, so
 * callers can react to {@link #messageId()} instead of parsing text.
 */
public class CustosException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Message detail;

    public CustosException(Message detail) {
        super(Objects.requireNonNull(detail, "detail").toString());
        this.detail = detail;
    }

    public CustosException(Message detail, Throwable cause) {
        super(Objects.requireNonNull(detail, "detail").toString(), cause);
        this.detail = detail;
    }

    /** The message, with its id. */
    public Message detail() {
        return detail;
    }

    /** The message's id as printed, for example {@code CUSTOS-01101}. */
    public String messageId() {
        return detail.code();
    }
}
