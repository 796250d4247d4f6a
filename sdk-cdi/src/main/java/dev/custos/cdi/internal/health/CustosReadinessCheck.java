// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.health;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.UnitReadiness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The readiness check {@code custos}: DOWN when, for any protected persistence unit, the Custos schema is older than
 * this release needs or cannot be read, the policy pack cannot be read, or an audit chain's head cannot be read
 * ({@link UnitReadiness}); also DOWN before the units have started. Its data says, per unit, {@code <unit>.status},
 * {@code <unit>.schema-version}, {@code <unit>.pack} and each problem as a numbered message; never a person's data.
 * Each call reads every unit's database.
 */
public final class CustosReadinessCheck implements HealthCheck {

    /** The name of the check in {@code /health/ready}. */
    public static final String NAME = "custos";

    private final Supplier<List<CustosRuntime>> units;

    /** @param units the protected units; may throw {@link CustosException} while they have not started */
    public CustosReadinessCheck(Supplier<List<CustosRuntime>> units) {
        this.units = units;
    }

    @Override
    public HealthCheckResponse call() {
        // built directly, not through HealthCheckResponse.named(): that needs the server's response provider,
        // which this check does not (and its unit tests have none)
        Map<String, Object> data = new LinkedHashMap<>();
        List<CustosRuntime> runtimes;
        try {
            runtimes = units.get();
        } catch (CustosException e) { // not started (yet, or it failed): not ready
            data.put("problem", e.detail().toString());
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(data));
        }
        boolean up = true;
        for (CustosRuntime runtime : runtimes) {
            UnitReadiness unit = UnitReadiness.check(runtime);
            String prefix = unit.unit() + ".";
            data.put(prefix + "status", unit.ready() ? "UP" : "DOWN");
            if (!unit.enabled()) {
                data.put(prefix + "enabled", false);
            }
            unit.schemaVersion().ifPresent(version -> data.put(prefix + "schema-version", (long) version));
            unit.packId().ifPresent(pack -> data.put(prefix + "pack", pack));
            List<Message> problems = unit.problems();
            for (int i = 0; i < problems.size(); i++) {
                data.put(prefix + "problem" + (i == 0 ? "" : "." + (i + 1)), problems.get(i).toString());
            }
            up &= unit.ready();
        }
        return new HealthCheckResponse(NAME, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }
}
