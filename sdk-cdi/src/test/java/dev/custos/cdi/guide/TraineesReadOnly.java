// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.guide;

import dev.custos.core.Message;
import dev.custos.jpa.access.AccessCheck;
import dev.custos.jpa.access.AccessPolicy;
import dev.custos.jpa.access.AccessVerdict;
import jakarta.enterprise.context.ApplicationScoped;

// snippet:access-policy
@ApplicationScoped
public class TraineesReadOnly implements AccessPolicy {

    @Override
    public AccessVerdict check(AccessCheck check) {
        if (check.kind().writes() && check.caller().inRole("trainee")) {
            return AccessVerdict.deny(Message.of(90001, "Trainees read records but do not change them"));
        }
        return AccessVerdict.permit();
    }
}
// end-snippet
