// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.testing;

import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.CallerSource;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Set;

/** A caller source the test sets, replacing Jakarta Security's the way an application's own source would. */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestCallers implements CallerSource {

    private volatile Caller caller = Caller.named("front-desk", Set.of("staff"));

    public void set(String name, String... roles) {
        caller = Caller.named(name, Set.of(roles));
    }

    @Override
    public Caller current() {
        return caller;
    }
}
