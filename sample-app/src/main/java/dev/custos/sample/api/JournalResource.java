// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import dev.custos.cdi.ProcessingPurpose;
import dev.custos.sample.api.Views.JournalEntryView;
import dev.custos.sample.clinic.Clinic;
import dev.custos.sample.clinic.ClinicUnits;
import dev.custos.sample.model.Client;
import dev.custos.sample.model.JournalEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A client's journal, for clinicians, under the purpose {@code treatment}. Custos checks every entry as it loads:
 * under the Norwegian pack only the treating clinician gets it, anyone else is refused (403, {@code CUSTOS-04427}),
 * and every read of the journal is audited. The auditor may ask too, and is refused the content by Custos (403,
 * {@code CUSTOS-04500}, setting {@code custos.roles.no-content}): an auditor reads the audit trail, not the data.
 */
// snippet:purpose
@Path("{clinic}/clients/{clientId}/journal")
@RequestScoped
@RolesAllowed(Roles.CLINICIAN)
@ProcessingPurpose("treatment")
@Produces(MediaType.APPLICATION_JSON)
public class JournalResource {
// end-snippet

    public record NewEntry(@NotNull JournalEntry.Kind kind, @NotBlank @Size(max = 4000) String text) {
    }

    @Inject
    ClinicUnits units;

    @Inject
    InputCheck input;

    @PathParam("clinic")
    String clinicPath;

    @PathParam("clientId")
    String clientId;

    @GET
    @Transactional
    @RolesAllowed({Roles.CLINICIAN, Roles.AUDITOR})
    public List<JournalEntryView> entries() {
        EntityManager em = units.entityManager(clinic());
        client(em);
        return em.createQuery("SELECT e FROM JournalEntry e WHERE e.clientId = :client ORDER BY e.writtenOn, e.id",
                        JournalEntry.class)
                .setParameter("client", clientId).getResultList().stream().map(JournalEntryView::of).toList();
    }

    /** Adds an entry written today by the caller; the journal's last entry, and so its retention clock, moves on. */
    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    public JournalEntryView add(NewEntry entry, @Context SecurityContext security) {
        input.valid(entry);
        Clinic clinic = clinic();
        EntityManager em = units.entityManager(clinic);
        Client client = client(em);
        ZoneId zone = units.custos(clinic).pack().zone();
        LocalDate today = LocalDate.ofInstant(units.custos(clinic).clock().instant(), zone);
        JournalEntry added = new JournalEntry(client.id, security.getUserPrincipal().getName(), entry.kind(), today,
                entry.text());
        em.persist(added);
        // the entries' clock is the journal's latest entry, which Custos derives; only the client row keeps the date
        client.lastEntry = today;
        em.flush();
        return JournalEntryView.of(added);
    }

    private Clinic clinic() {
        return Clinic.of(clinicPath);
    }

    private Client client(EntityManager em) {
        Client client = em.find(Client.class, Ids.subject(clientId));
        if (client == null) {
            // the id is not echoed: a problem document ends up in logs and browsers' histories
            throw Problems.notFound(clinic().displayName() + " has no client with that id");
        }
        return client;
    }
}
