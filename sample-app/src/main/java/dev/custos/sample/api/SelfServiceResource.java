// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import dev.custos.cdi.ConsentService;
import dev.custos.cdi.RequestService;
import dev.custos.core.consent.ConsentEvidence;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.request.ErasureReport;
import dev.custos.sample.api.Views.ConsentView;
import dev.custos.sample.api.Views.RequestView;
import dev.custos.sample.clinic.Clinic;
import dev.custos.sample.clinic.ClinicUnits;
import dev.custos.sample.clinic.DemoClock;
import dev.custos.sample.clinic.RequestAnswers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A patient's own page: their consents, and the data-subject requests they file and follow. The patient's login is
 * their identity, so a request filed here is registered with its identity verified. Withdrawing a consent files a
 * consent withdrawal request that is carried out at once: what only that consent kept is erased, and the answer
 * says, field by field, what was erased and what is kept under which rule.
 */
@Path("{clinic}/me")
@RequestScoped
@RolesAllowed(Roles.PATIENT)
@Produces(MediaType.APPLICATION_JSON)
public class SelfServiceResource {

    /**
     * A consent given or withdrawn on the page; giving it records the age band the page asks for, which the
     * newsletter, an information society service, needs (GDPR Art. 8).
     */
    public record ConsentChange(@NotNull Boolean given, @Min(0) @Max(ConsentEvidence.MAX_AGE) Integer ageAtLeast) {
    }

    public record NewRequest(@NotNull RequestType type) {
    }

    @Inject
    ClinicUnits units;

    @Inject
    InputCheck input;

    @Inject
    ConsentService consents;

    @Inject
    RequestService requests;

    @Inject
    RequestAnswers answers;

    @Inject
    DemoClock clock;

    @Inject
    ClientCheck clients;

    @PathParam("clinic")
    String clinicPath;

    @Context
    SecurityContext security;

    @GET
    @Path("consents")
    public List<ConsentView> consents() {
        Clinic clinic = ownClinic();
        try (var unit = units.use(clinic)) {
            return new ConsentRegistry(units.custos(clinic)).purposes().stream()
                    .map(purpose -> ConsentView.of(purpose, consents.status(patient(), purpose))).toList();
        }
    }

    /**
     * Gives consent (204), or withdraws it through a consent withdrawal request answered at once (200, with the
     * request and Custos' erasure report).
     */
    @PUT
    @Path("consents/{purpose}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changeConsent(@PathParam("purpose") String purpose, ConsentChange change) {
        input.valid(change);
        Clinic clinic = ownClinic();
        try (var unit = units.use(clinic)) {
            if (!new ConsentRegistry(units.custos(clinic)).purposes().contains(purpose)) {
                throw Problems.notFound(clinic.displayName() + " asks no consent for purpose '" + purpose + "'");
            }
            // snippet:consent
            if (change.given()) {
                consents.give(patient(), purpose, Clinic.PRIVACY_NOTICE, evidence(clinic, change));
                return Response.noContent().build();
            }
            DataSubjectRequest request = registered(RequestType.CONSENT_WITHDRAWAL);
            ErasureReport report = requests.withdrawConsent(request.id(), Set.of(purpose));
            // end-snippet
            answers.store(clinic, request.id(), report.toJson());
            return Response.ok(Answers.of(report.request(), clock.now(), report.toJson())).build();
        }
    }

    /** What the page records with a consent: given on this page, today, with the age band if the patient gave it. */
    private ConsentEvidence evidence(Clinic clinic, ConsentChange change) {
        ConsentEvidence evidence = ConsentEvidence.of(ConsentEvidence.Form.ELECTRONIC, "patient page",
                LocalDate.ofInstant(clock.now(), units.custos(clinic).pack().zone()));
        return change.ageAtLeast() == null ? evidence : evidence.withAgeAtLeast(change.ageAtLeast());
    }

    /** The patient's requests still open. */
    @GET
    @Path("requests")
    public List<RequestView> openRequests() {
        Clinic clinic = ownClinic();
        try (var unit = units.use(clinic)) {
            return requests.openRequests().stream().filter(r -> r.subjectId().equals(patient()))
                    .map(r -> RequestView.of(r, clock.now())).toList();
        }
    }

    @POST
    @Path("requests")
    @Consumes(MediaType.APPLICATION_JSON)
    public RequestView file(NewRequest request) {
        input.valid(request);
        Clinic clinic = ownClinic();
        try (var unit = units.use(clinic)) {
            return RequestView.of(registered(request.type()), clock.now());
        }
    }

    /** One of the patient's requests, with the clinic's answer once it has one. */
    @GET
    @Path("requests/{id}")
    public Answers follow(@PathParam("id") String id) {
        Clinic clinic = ownClinic();
        try (var unit = units.use(clinic)) {
            DataSubjectRequest request = requests.find(Ids.request(id))
                    .filter(r -> r.subjectId().equals(patient()))
                    .orElseThrow(() -> Problems.notFound("You have no request '" + id + "' at " + clinic.displayName()));
            return Answers.of(request, clock.now(), answers.find(clinic, id).orElse(null));
        }
    }

    // snippet:file-request
    private DataSubjectRequest registered(RequestType type) {
        DataSubjectRequest request = requests.receive(type, patient());
        return requests.verifyIdentity(request.id()); // the patient logged in: that is the verification
    }
    // end-snippet

    private String patient() {
        return security.getUserPrincipal().getName();
    }

    /** The clinic of the path, which must be the patient's own. */
    private Clinic ownClinic() {
        Clinic clinic = Clinic.of(clinicPath);
        if (!clients.isClient(clinic, patient())) {
            throw Problems.forbidden("You are not a client of " + clinic.displayName());
        }
        return clinic;
    }
}
