// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import dev.custos.cdi.RetentionService;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.sample.clinic.Clinic;
import dev.custos.sample.clinic.ClinicUnits;
import dev.custos.sample.clinic.DemoClock;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * The demo clock (demo mode only): moves time forward and runs each clinic's retention sweep at once, so that what
 * fell due is erased while you watch. The scheduled sweep would do the same within a minute.
 */
@Path("demo/clock")
@RequestScoped
@RolesAllowed({Roles.CLINICIAN, Roles.RECEPTION, Roles.AUDITOR})
@Produces(MediaType.APPLICATION_JSON)
public class DemoResource {

    public record Advance(@NotBlank String period) {
    }

    public record SweepView(String clinic, String outcome, long erased, long kept, String summary) {
        static SweepView of(Clinic clinic, SweepReport report) {
            return new SweepView(clinic.path(), report.outcome().name(), report.erased(), report.keptTotal(),
                    report.detail().toString());
        }
    }

    public record Moved(Instant now, String offset, List<SweepView> sweeps) {
    }

    @Inject
    DemoClock clock;

    @Inject
    ClinicUnits units;

    @Inject
    RetentionService retention;

    /** Moves the clock forward by an ISO-8601 period such as {@code P3M}, then sweeps both clinics. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Moved advance(@Valid @NotNull Advance advance) {
        Period period;
        try {
            period = Period.parse(advance.period());
        } catch (DateTimeParseException e) {
            throw Problems.badRequest("'" + advance.period() + "' is not an ISO-8601 period of days, months or"
                    + " years, such as P1M, P3M or P1Y");
        }
        Instant now = clock.advance(period);
        // the sweep is the controller's own work, whoever moved the clock
        try (ProcessingContext.Scope sweep = ProcessingContext.open("retention", Caller.system("demo-sweep"))) {
            List<SweepView> sweeps = Arrays.stream(Clinic.values()).map(clinic -> {
                try (var unit = units.use(clinic)) {
                    return SweepView.of(clinic, retention.sweepNow(SweepOptions.defaults()));
                }
            }).toList();
            return new Moved(now, clock.offset().toString(), sweeps);
        }
    }
}
