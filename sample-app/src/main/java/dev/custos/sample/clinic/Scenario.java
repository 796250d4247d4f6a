// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.clinic;

import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.retention.PreviewEntry;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.sample.model.Client;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The facts the side-by-side page shows, read as the controller's own retention planning (a system caller, purpose
 * {@code retention}): no clinician's access rule applies to it, and it reads no journal text.
 */
@ApplicationScoped
public class Scenario {

    @Inject
    ClinicUnits units;

    /** The date of the last entry in the client's journal, if the journal is still there. */
    @Transactional
    public Optional<LocalDate> lastEntry(Clinic clinic, String clientId) {
        try (ProcessingContext.Scope planning = planning()) {
            List<LocalDate> dates = units.entityManager(clinic)
                    .createQuery("SELECT c.lastEntry FROM Client c WHERE c.id = :id", LocalDate.class)
                    .setParameter("id", clientId).getResultList();
            return dates.stream().findFirst();
        }
    }

    /** When the sweep will act on the client's journal and what it will do, if any entry still holds data. */
    public Optional<PreviewEntry> journalForecast(Clinic clinic, String clientId) {
        try (ProcessingContext.Scope planning = planning()) {
            List<String> ids = entryIds(clinic, clientId);
            return new RetentionSweeper(units.custos(clinic)).preview(10_000).stream()
                    .filter(e -> e.entity().equals("JournalEntry") && ids.contains(e.entityId()))
                    .findFirst();
        }
    }

    private List<String> entryIds(Clinic clinic, String clientId) {
        return units.entityManager(clinic)
                .createQuery("SELECT e.id FROM JournalEntry e WHERE e.clientId = :id", Long.class)
                .setParameter("id", clientId).getResultList().stream().map(String::valueOf).toList();
    }

    private static ProcessingContext.Scope planning() {
        return ProcessingContext.open("retention", Caller.system("retention-planning"));
    }
}
