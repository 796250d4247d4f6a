// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testing;

import dev.custos.jpa.CustosSetting;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import java.util.Set;

/** The person who decides erasure lines: a caller in the decider role, which {@code Decisions} requires. */
public final class Decider {

    /** In the default decider role ({@code custos.roles.decider}). */
    public static final Caller DPO = Caller.named("dpo",
            Set.of(CustosSetting.DECIDER_ROLE.defaultValue().orElseThrow()));

    private Decider() {
    }

    /** A scope in which {@link #DPO} works; close it when the decisions are made. */
    public static ProcessingContext.Scope scope() {
        return ProcessingContext.open("erasure-review", DPO);
    }
}
