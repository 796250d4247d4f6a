// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import dev.custos.cdi.AuditService;
import dev.custos.cdi.RetentionService;
import dev.custos.core.record.ProcessingRecordGenerator;
import dev.custos.sample.api.Views.AuditView;
import dev.custos.sample.api.Views.ChainView;
import dev.custos.sample.api.Views.ForecastView;
import dev.custos.sample.clinic.Clinic;
import dev.custos.sample.clinic.ClinicUnits;
import dev.custos.sample.clinic.DemoClock;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The auditor's view of a clinic: a subject's audit trail, verification of the hash chains, the retention forecast
 * and the record of processing activities generated from the annotations. Auditors read; they change nothing.
 */
@Path("{clinic}/audit")
@RequestScoped
@RolesAllowed(Roles.AUDITOR)
public class AuditResource {

    @Inject
    ClinicUnits units;

    @Inject
    AuditService audit;

    @Inject
    RetentionService retention;

    @Inject
    DemoClock clock;

    @PathParam("clinic")
    String clinicPath;

    /** What was done with the subject's data in the last {@code days} days, oldest first. */
    @GET
    @Path("subjects/{subjectId}")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AuditView> trail(@PathParam("subjectId") String subjectId,
                                 @QueryParam("days") @DefaultValue("3650") int days) {
        if (days < 1 || days > 36_500) {
            throw Problems.badRequest("days must be between 1 and 36500; got " + days);
        }
        Instant to = clock.now().plusSeconds(1);
        try (var unit = units.use(Clinic.of(clinicPath))) {
            return audit.forSubject(Ids.subject(subjectId), to.minus(days, ChronoUnit.DAYS), to).stream()
                    .map(AuditView::of).toList();
        }
    }

    /** The audit trail's two chains and the consent ledger's chain, each verified from its first record. */
    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ChainView> verify() {
        try (var unit = units.use(Clinic.of(clinicPath))) {
            return audit.verify().entrySet().stream().map(e -> new ChainView(e.getKey(), e.getValue().intact(),
                    e.getValue().recordsChecked(), e.getValue().firstBroken().isPresent()
                            ? e.getValue().firstBroken().getAsLong() : null,
                    e.getValue().problem().map(Object::toString).orElse(null))).toList();
        }
    }

    /** What the sweep will do with each record, when, and under which rule. */
    @GET
    @Path("forecast")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ForecastView> forecast(@QueryParam("limit") @DefaultValue("500") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw Problems.badRequest("limit must be between 1 and 10000; got " + limit);
        }
        try (var unit = units.use(Clinic.of(clinicPath))) {
            // snippet:preview
            return retention.preview(limit).stream().map(ForecastView::of).toList();
            // end-snippet
        }
    }

    /** The record of processing activities (GDPR Art. 30), generated from the annotated model and the pack. */
    @GET
    @Path("record")
    @Produces("text/markdown")
    public String record() {
        Clinic clinic = Clinic.of(clinicPath);
        return ProcessingRecordGenerator.generate(units.custos(clinic).model(), clinic.controller()).toMarkdown();
    }
}
