// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import java.util.List;

/**
 * Thrown when an entity is loaded whose personal data the current caller may not read: consent is
 * missing for the purpose in effect, no purpose is in effect, or the consent state cannot be read
 * (Custos fails closed). The refusal is audited before this is thrown.
 */
public class AccessRefusedException extends CustosException {

    private static final long serialVersionUID = 1L;

    private final transient List<Message> reasons;

    public AccessRefusedException(Message summary, List<Message> reasons) {
        super(summary);
        this.reasons = List.copyOf(reasons);
    }

    /** Why, one message per refused attribute. */
    public List<Message> reasons() {
        return reasons;
    }
}
