// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.gdpr.DataSubjectRight;
import dev.custos.core.gdpr.RightsMap;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.RowAudit;
import dev.custos.jpa.internal.StoreBackedAudit;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.SubjectKeys;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.custos.jpa.request.RequestExecutor.ACTOR;
import static dev.custos.jpa.request.RequestExecutor.PURPOSE;

import dev.custos.jpa.request.RequestTransactions.Outcome;

/** Answers ACCESS (GDPR Art. 15) and PORTABILITY (Art. 20) requests with the subject's data as JSON, audited. */
final class RequestExports {

    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final CustosRuntime runtime;
    private final RequestTransactions tx;
    private final SubjectKeys keys;
    private final ConsentLedger ledger;
    private final AuditTrail writes;
    private final AuditTrail reads;
    private final SubjectRows rows;

    RequestExports(CustosRuntime runtime, RequestTransactions tx, SubjectKeys keys, ConsentLedger ledger,
                   AuditTrail writes, AuditTrail reads, SubjectRows rows) {
        this.runtime = runtime;
        this.tx = tx;
        this.keys = keys;
        this.ledger = ledger;
        this.writes = writes;
        this.reads = reads;
        this.rows = rows;
    }

    /** The ACCESS answer in {@code work}: see {@link RequestExecutor#exportAccess}. */
    Outcome<String> access(UnitOfWork work, DataSubjectRequest request) throws SQLException {
        SubjectExport export = header(request);
        export.data(work.em(), runtime.mappings(), request.subjectId(), a -> true);
        export.consent(ledger.events(work.connection(), request.subjectId()));
        Map<Integer, List<AuditRecord>> chains = new LinkedHashMap<>();
        Optional<String> ref = keys.existingPseudonym(work.connection(), request.subjectId());
        if (ref.isPresent()) {
            chains.put(StoreBackedAudit.WRITE_CHAIN,
                    writes.forSubject(work.connection(), ref.get(), Instant.EPOCH, END_OF_TIME));
            chains.put(StoreBackedAudit.READ_CHAIN,
                    reads.forSubject(work.connection(), ref.get(), Instant.EPOCH, END_OF_TIME));
        }
        export.accessLog(chains);
        String detail = auditExport(work, request, export);
        DataSubjectRequest done = request.complete(tx.now(), ACTOR);
        return new Outcome<>(export.json().endObject().toString(), done, detail);
    }

    /** The PORTABILITY answer in {@code work}: see {@link RequestExecutor#exportPortable}. */
    Outcome<String> portable(UnitOfWork work, DataSubjectRequest request) throws SQLException {
        SubjectExport export = header(request);
        export.data(work.em(), runtime.mappings(), request.subjectId(),
                a -> RightsMap.assess(DataSubjectRight.PORTABILITY, a.processing()).applies());
        export.leftOut(work.em(), runtime.mappings(), request.subjectId(), DataSubjectRight.PORTABILITY);
        String detail = auditExport(work, request, export);
        DataSubjectRequest done = request.complete(tx.now(), ACTOR);
        return new Outcome<>(export.json().endObject().toString(), done, detail);
    }

    private SubjectExport header(DataSubjectRequest request) {
        SubjectExport export = new SubjectExport(rows);
        export.json().beginObject()
                .field("request", request.id())
                .field("type", request.type().name())
                .field("right", request.type().right().citation())
                .field("subject", request.subjectId())
                .field("generatedAt", tx.now().toString())
                .field("policyPack", runtime.pack().id());
        return export;
    }

    private String auditExport(UnitOfWork work, DataSubjectRequest request, SubjectExport export) {
        for (Map.Entry<String, List<String>> entity : export.exported().entrySet()) {
            String basis = RowAudit.legalBasis(runtime.model().entity(entity.getKey()).orElseThrow(),
                    entity.getValue());
            String ref = keys.pseudonym(work.connection(), request.subjectId());
            writes.append(work.connection(), new AuditEvent(tx.now(), ACTOR, ref, AuditAction.EXPORT, entity.getKey(), "",
                    entity.getValue(), PURPOSE, basis, AuditOutcome.DONE, "request " + request.id()));
        }
        return "exported " + export.exported().keySet();
    }
}
