// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import dev.custos.cdi.ConsentService;
import dev.custos.cdi.ProcessingPurpose;
import dev.custos.core.consent.ConsentEvidence;
import dev.custos.sample.api.Views.JournalEntryView;
import dev.custos.sample.clinic.Clinic;
import dev.custos.sample.clinic.ClinicUnits;
import dev.custos.sample.model.JournalEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;

/**
 * Disclosure of a client's journal to the client's GP, at the Danish clinic, under the purpose
 * {@code gp-disclosure}. The journal is kept under a legal duty, but the Danish pack says disclosing it needs the
 * client's written consent: without it Custos refuses the read (403, {@code CUSTOS-02002}); the clinician records
 * the signed consent with its evidence, and the client's withdrawal stops further disclosures at once.
 */
@Path("{clinic}/clients/{clientId}/gp-disclosure")
@RequestScoped
@RolesAllowed(Roles.CLINICIAN)
@ProcessingPurpose("gp-disclosure")
@Produces(MediaType.APPLICATION_JSON)
public class GpDisclosureResource {

    /** The signed consent form: where the scan is kept, and the day the client signed it. */
    public record SignedConsent(@NotBlank @Size(max = ConsentEvidence.MAX_REFERENCE) String reference,
                                @NotNull LocalDate signedOn) {
    }

    @Inject
    ClinicUnits units;

    @Inject
    ConsentService consents;

    @Inject
    ClientCheck clients;

    @Inject
    InputCheck input;

    @PathParam("clinic")
    String clinicPath;

    @PathParam("clientId")
    String clientId;

    /** The journal as it is sent to the GP; refused without the client's written consent. */
    @GET
    @Transactional
    public List<JournalEntryView> journal() {
        Clinic clinic = danishClient();
        return units.entityManager(clinic).createQuery("SELECT e FROM JournalEntry e WHERE e.clientId = :client"
                        + " ORDER BY e.writtenOn, e.id", JournalEntry.class)
                .setParameter("client", clientId).getResultList().stream().map(JournalEntryView::of).toList();
    }

    /** Records the client's written consent to the disclosure (204). */
    @PUT
    @Path("consent")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response consent(SignedConsent signed) {
        input.valid(signed);
        Clinic clinic = danishClient();
        try (var unit = units.use(clinic)) {
            consents.give(clientId, "gp-disclosure", Clinic.PRIVACY_NOTICE,
                    ConsentEvidence.written(signed.reference(), signed.signedOn()));
        }
        return Response.noContent().build();
    }

    /** Records that the client withdrew the consent (204): the next disclosure is refused. */
    @DELETE
    @Path("consent")
    public Response withdraw() {
        Clinic clinic = danishClient();
        try (var unit = units.use(clinic)) {
            consents.withdraw(clientId, "gp-disclosure");
        }
        return Response.noContent().build();
    }

    private Clinic danishClient() {
        Clinic clinic = Clinic.of(clinicPath);
        // the id is not echoed: a problem document ends up in logs and browsers' histories
        if (clinic != Clinic.DANISH || !clients.isClient(clinic, Ids.subject(clientId))) {
            throw Problems.notFound(clinic.displayName() + " discloses no journal to a GP for that client");
        }
        return clinic;
    }
}
