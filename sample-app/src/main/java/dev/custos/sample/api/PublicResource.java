// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyRule;
import dev.custos.core.request.Deadline;
import dev.custos.core.request.RequestDeadlines;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.retention.PreviewEntry;
import dev.custos.sample.api.Views.ClinicView;
import dev.custos.sample.clinic.Clinic;
import dev.custos.sample.clinic.ClinicUnits;
import dev.custos.sample.clinic.DemoClock;
import dev.custos.sample.clinic.DemoRecords;
import dev.custos.sample.clinic.Scenario;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What anyone may see without logging in: the clinics, the side-by-side scenario and the demo clock. */
@Path("public")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PublicResource {

    @Inject
    ClinicUnits units;

    @Inject
    DemoClock clock;

    @Inject
    Scenario scenario;

    public record ClockView(Instant now, String offset, boolean demoMode) {
    }

    /** One clinic's column of the scenario. */
    public record ScenarioColumn(ClinicView clinic, String journalRetention, String journalOnDue,
                                 boolean journalDutyToKeep, List<String> journalCitations, String formerClient,
                                 LocalDate formerClientLastEntry, Instant formerClientJournalDue,
                                 String formerClientJournalStatus, String journalAccess, LocalDate requestDeadline,
                                 String requestDeadlineBasis) {
    }

    @GET
    @Path("clinics")
    public List<ClinicView> clinics() {
        return Arrays.stream(Clinic.values()).map(this::view).toList();
    }

    @GET
    @Path("clock")
    public ClockView clock() {
        return new ClockView(clock.now(), clock.offset().toString(), clock.demoMode());
    }

    /** The same story under both packs: the former client's journal, and a request received today. */
    @GET
    @Path("scenario")
    public List<ScenarioColumn> scenario() {
        return Arrays.stream(Clinic.values()).map(this::column).toList();
    }

    private ScenarioColumn column(Clinic clinic) {
        CustosRuntime custos = units.custos(clinic);
        PolicyPack pack = custos.pack();
        PolicyRule journal = pack.rule("journal").orElseThrow();
        String former = DemoRecords.former(clinic);
        Optional<LocalDate> lastEntry = scenario.lastEntry(clinic, former);
        Optional<PreviewEntry> due = scenario.journalForecast(clinic, former);
        Deadline deadline = RequestDeadlines.deadline(clock.now(), pack.zone(), pack.requests().promisedWithin());
        return new ScenarioColumn(view(clinic), journal.retention().toString(), journal.onDue().name(),
                journal.dutyToKeep(), journal.citations().stream().map(Object::toString).toList(), former,
                lastEntry.orElse(null), due.flatMap(PreviewEntry::dueAt).orElse(null),
                due.map(e -> e.status().name()).orElse("ERASED"), journal.access().name(), deadline.lastDay(),
                deadline.basis());
    }

    private ClinicView view(Clinic clinic) {
        PolicyPack pack = units.custos(clinic).pack();
        return new ClinicView(clinic.path(), clinic.displayName(), clinic.town(), pack.id(), pack.jurisdiction(),
                pack.zone().getId());
    }
}
