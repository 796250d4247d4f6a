// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import dev.custos.cdi.ProcessingPurpose;
import dev.custos.sample.api.Views.JournalEntryView;
import dev.custos.sample.api.Views.KindCountView;
import dev.custos.sample.clinic.Clinic;
import dev.custos.sample.clinic.ClinicUnits;
import dev.custos.sample.model.JournalEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The clinic's activity statistics, under the purpose {@code statistics}: purpose limitation (GDPR Art. 5(1)(b)) in
 * action. Counting the journal's entries by kind reads no personal data and is answered. Reading the entries' text
 * for the statistics (a word count of what clients seek help for, say) is refused by Custos (403,
 * {@code CUSTOS-04503} with reason {@code CUSTOS-04411}): the journal's text declares the purposes
 * {@code treatment} and {@code gp-disclosure} only, and the refusal is audited.
 */
@Path("{clinic}/statistics/journal")
@RequestScoped
@RolesAllowed(Roles.CLINICIAN)
@ProcessingPurpose("statistics")
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {

    @Inject
    ClinicUnits units;

    @PathParam("clinic")
    String clinicPath;

    /** The number of journal entries of each kind. */
    @GET
    @Transactional
    public List<KindCountView> entriesByKind() {
        return units.entityManager(Clinic.of(clinicPath)).createQuery("SELECT e.kind, COUNT(e) FROM JournalEntry e"
                        + " GROUP BY e.kind ORDER BY e.kind", Object[].class).getResultList().stream()
                .map(row -> new KindCountView(((JournalEntry.Kind) row[0]).name(), ((Number) row[1]).longValue()))
                .toList();
    }

    /** The entries' text for a word count: refused, as statistics is not a purpose the text is kept for. */
    @GET
    @Path("texts")
    @Transactional
    public List<JournalEntryView> texts() {
        return units.entityManager(Clinic.of(clinicPath)).createQuery("SELECT e FROM JournalEntry e"
                + " ORDER BY e.writtenOn, e.id", JournalEntry.class).getResultList().stream()
                .map(JournalEntryView::of).toList();
    }
}
