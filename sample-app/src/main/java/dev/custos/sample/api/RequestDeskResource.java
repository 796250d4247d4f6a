// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import dev.custos.cdi.RequestService;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.request.Correction;
import dev.custos.sample.api.Views.RequestView;
import dev.custos.sample.clinic.Clinic;
import dev.custos.sample.clinic.ClinicUnits;
import dev.custos.sample.clinic.DemoClock;
import dev.custos.sample.clinic.RequestAnswers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;

/**
 * The front desk's work on data-subject requests: the open ones with their deadlines (the auditor sees them too),
 * and carrying one out. Custos decides what each right allows; an erasure request answers, field by field, what was
 * erased and what is kept, naming the rule and the statute.
 */
@Path("{clinic}/requests")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RequestDeskResource {

    /** A correction for a rectification request: the entity, its id, the attribute and the new value. */
    public record Change(@NotBlank String entity, @NotBlank String id, @NotBlank String attribute,
                         @Size(max = 4000) String value) {
    }

    public record Refusal(@NotBlank @Size(max = 1000) String reason, @NotBlank @Size(max = 200) String citation) {
    }

    @Inject
    ClinicUnits units;

    @Inject
    InputCheck input;

    @Inject
    RequestService requests;

    @Inject
    RequestAnswers answers;

    @Inject
    DemoClock clock;

    @PathParam("clinic")
    String clinicPath;

    /** The open requests, earliest deadline first. */
    @GET
    @RolesAllowed({Roles.RECEPTION, Roles.AUDITOR})
    public List<RequestView> open() {
        try (var unit = units.use(Clinic.of(clinicPath))) {
            return requests.openRequests().stream().map(r -> RequestView.of(r, clock.now())).toList();
        }
    }

    /**
     * Carries out the request as its type says. A rectification takes the corrections in the body; the other types
     * take none.
     */
    @POST
    @Path("{id}/execute")
    @RolesAllowed(Roles.RECEPTION)
    @Consumes(MediaType.APPLICATION_JSON)
    public Answers execute(@PathParam("id") String id, List<Change> corrections) {
        Clinic clinic = Clinic.of(clinicPath);
        try (var unit = units.use(clinic)) {
            DataSubjectRequest request = requests.find(Ids.request(id))
                    .orElseThrow(() -> Problems.notFound(clinic.displayName() + " has no request '" + id + "'"));
            // snippet:execute-request
            String answer = switch (request.type()) {
                case ACCESS -> requests.exportAccess(id);
                case PORTABILITY -> requests.exportPortable(id);
                case ERASURE -> requests.erase(id).toJson();
                case CONSENT_WITHDRAWAL -> requests.withdrawConsent(id, Set.of()).toJson();
                case OBJECTION -> requests.object(id).toJson();
                case RESTRICTION -> state(requests.restrict(id));
                case RECTIFICATION -> state(requests.rectify(id, corrections(corrections)));
            };
            // end-snippet
            boolean export = request.type() == RequestType.ACCESS || request.type() == RequestType.PORTABILITY;
            // an export goes to the requester through the desk; the clinic keeps only that it was delivered
            answers.store(clinic, id, export ? delivered(answer) : answer);
            return Answers.of(requests.find(id).orElseThrow(), clock.now(), answer);
        }
    }

    @POST
    @Path("{id}/refuse")
    @RolesAllowed(Roles.RECEPTION)
    @Consumes(MediaType.APPLICATION_JSON)
    public RequestView refuse(@PathParam("id") String id, Refusal refusal) {
        input.valid(refusal);
        try (var unit = units.use(Clinic.of(clinicPath))) {
            return RequestView.of(requests.refuse(Ids.request(id), refusal.reason(), refusal.citation()),
                    clock.now());
        }
    }

    private List<Correction> corrections(List<Change> changes) {
        if (changes == null || input.valid(changes).isEmpty()) {
            throw Problems.badRequest("A rectification needs the corrections: [{entity, id, attribute, value}]");
        }
        return changes.stream().map(c -> new Correction(c.entity(), c.id(), c.attribute(), c.value())).toList();
    }

    private String delivered(String export) {
        return Json.createObjectBuilder().add("delivered", clock.now().toString()).add("bytes", export.length())
                .build().toString();
    }

    private static String state(DataSubjectRequest request) {
        return Json.createObjectBuilder().add("state", request.state().name()).build().toString();
    }
}
