// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import dev.custos.cdi.AuditService;
import dev.custos.cdi.RequestService;
import dev.custos.cdi.RetentionService;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.request.ErasureReport;
import dev.custos.jpa.retention.AdoptionReport;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.jpa.request.Decision;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * Custos: what the workshop's owner needs to adopt it and answer customers (the adoption report, erasure requests,
 * the retention sweep) and what its auditor reads (the audit trail).
 */
@Path("privacy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("custos-privacy-officer")
public class PrivacyResource {

    public record AdoptionLine(String entity, String rule, long due, long kept, long noClock, List<String> advice) {
    }

    public record SweepResult(String outcome, long erased) {
    }

    public record AuditLine(String action, String outcome, List<String> fields, String entityId) {
    }

    @Inject
    RetentionService retention;

    @Inject
    RequestService requests;

    @Inject
    AuditService audit;

    /** Before the first sweep: per entity and rule, what it would erase and what it would keep. */
    @GET
    @Path("adoption")
    public List<AdoptionLine> adoption() {
        AdoptionReport report = retention.adoptionReport();
        return report.lines().stream().map(l -> new AdoptionLine(l.entity(), l.ruleId(), l.due(), l.kept(),
                l.noClock(), l.advice().stream().map(Object::toString).toList())).toList();
    }

    /**
     * A customer asked to be forgotten: registered, identity checked at the counter, executed. The answer is
     * Custos' report, attribute by attribute, with the reason for anything kept: what the customer is sent.
     */
    @POST
    @Path("erasure/{customer}")
    public String erase(@PathParam("customer") long customer) {
        DataSubjectRequest request = requests.receive(RequestType.ERASURE, String.valueOf(customer));
        requests.verifyIdentity(request.id());
        return requests.erase(request.id()).toJson();
    }

    /**
     * The owner has checked that nothing of the customer's is still needed for a repair or a claim (Custos leaves
     * that to a person: the contract's end is not in the data), and erases every line left for that decision. The
     * answer is the request's final report.
     */
    @POST
    @Path("requests/{request}/erase-reviewed")
    public String eraseReviewed(@PathParam("request") String requestId) {
        String report = "";
        for (Decision line : requests.decisions(requestId)) {
            if (line.outcome().isEmpty()) {
                report = requests.decide(line.id(), Decision.Outcome.ERASE, "no open repair or claim")
                        .request().map(ErasureReport::toJson).orElse(report);
            }
        }
        return report;
    }

    /** Sweeps now: erases what is due. */
    @POST
    @Path("sweep")
    public SweepResult sweep() {
        SweepReport report = retention.sweepNow(SweepOptions.defaults());
        return new SweepResult(report.outcome().name(), report.erased());
    }

    /** A customer's audit trail: what was read, changed and erased, by whom. */
    @GET
    @Path("audit/{customer}")
    @RolesAllowed("custos-auditor")
    public List<AuditLine> trail(@PathParam("customer") long customer) {
        return audit.forSubject(String.valueOf(customer), Instant.EPOCH, Instant.now()).stream()
                .map(r -> new AuditLine(r.event().action().name(), r.event().outcome().name(), r.event().fields(),
                        r.event().entityId()))
                .toList();
    }
}
