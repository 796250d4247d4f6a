// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.clinic;

import dev.custos.sample.api.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The clinics' clock: the system clock, moved forward by whole days, months or years in demo mode so that a visitor
 * can watch retention periods end. Custos takes the application's {@link Clock} bean, so its due dates, request
 * deadlines, audit times and the scheduled sweep all follow it.
 */
@ApplicationScoped
public class DemoClock {

    /** The furthest the clock may be moved: far enough for every rule of both packs, and no further. */
    static final Period MAX_OFFSET = Period.ofYears(30);

    @Inject
    @ConfigProperty(name = "clinic.demo", defaultValue = "false")
    boolean demo;

    private volatile Period offset = Period.ZERO;

    /** Whether the clock may be moved (setting {@code clinic.demo}). */
    public boolean demoMode() {
        return demo;
    }

    public Period offset() {
        return offset;
    }

    public Instant now() {
        return shifted(Instant.now(), offset);
    }

    /**
     * Moves the clock forward by {@code period}.
     *
     * @throws jakarta.ws.rs.WebApplicationException 409 outside demo mode; 400 for a negative period or one that
     *                                               would move the clock more than 30 years in all
     */
    public synchronized Instant advance(Period period) {
        if (!demo) {
            throw Problems.conflict("The clock can only be moved in demo mode (clinic.demo=true)");
        }
        if (period.isNegative() || period.isZero()) {
            throw Problems.badRequest("Move the clock forward by a positive period, such as P3M; got " + period);
        }
        Period next = offset.plus(period).normalized();
        Instant base = Instant.now();
        if (shifted(base, next).isAfter(shifted(base, MAX_OFFSET))) {
            throw Problems.badRequest("The demo clock moves at most " + MAX_OFFSET + " in all; it is at " + offset);
        }
        offset = next;
        return now();
    }

    private static Instant shifted(Instant instant, Period period) {
        return instant.atZone(ZoneOffset.UTC).plus(period).toInstant();
    }

    /** The clock Custos and the clinics use. */
    @Produces
    Clock clock() {
        return new Shifted(this, ZoneOffset.UTC);
    }

    /** A clock that reads the demo clock, in any zone. */
    private static final class Shifted extends Clock {
        private final DemoClock source;
        private final ZoneId zone;

        Shifted(DemoClock source, ZoneId zone) {
            this.source = source;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new Shifted(source, other);
        }

        @Override
        public Instant instant() {
            return source.now();
        }
    }
}
