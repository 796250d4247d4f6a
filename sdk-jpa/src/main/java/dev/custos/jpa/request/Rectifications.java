// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.internal.OwnTransaction;
import dev.custos.jpa.internal.SubjectTraces;
import dev.custos.jpa.internal.ShredCipher;
import dev.custos.jpa.internal.store.SubjectDataKeys;
import dev.custos.jpa.internal.RowAudit;
import dev.custos.jpa.internal.StoreBackedAudit;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.SubjectKeys;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static dev.custos.jpa.request.RequestExecutor.ACTOR;
import static dev.custos.jpa.request.RequestExecutor.PURPOSE;

import dev.custos.jpa.request.RequestTransactions.Outcome;

/** Applies a RECTIFICATION request's corrections (GDPR Art. 16), each audited as an update of the subject's data. */
final class Rectifications {

    private final CustosRuntime runtime;
    private final RequestTransactions tx;
    private final SubjectKeys keys;
    private final AuditTrail writes;
    private final SubjectRows rows;

    Rectifications(CustosRuntime runtime, RequestTransactions tx, SubjectKeys keys, AuditTrail writes,
                   SubjectRows rows) {
        this.runtime = runtime;
        this.tx = tx;
        this.keys = keys;
        this.writes = writes;
        this.rows = rows;
    }

    /** The RECTIFICATION answer in {@code work}: see {@link RequestExecutor#rectify}. */
    Outcome<DataSubjectRequest> apply(UnitOfWork work, DataSubjectRequest request, List<Correction> all)
            throws SQLException {
        String requestId = request.id();
        List<Object> ids = new ArrayList<>();
        List<EntityMapping> targets = new ArrayList<>();
        for (Correction correction : all) {
            String place = Integer.toString(targets.size() + 1);
            EntityMapping mapping = runtime.model().entity(correction.entity())
                    .flatMap(m -> runtime.mapping(m.type()))
                    .orElseThrow(() -> new CustosException(RequestExecutionMessages.unknownEntity(requestId,
                            correction.entity())));
            if (mapping.model().attribute(correction.attribute()).isEmpty()) {
                throw new CustosException(RequestExecutionMessages.notPersonalAttribute(requestId,
                        correction.entity(), correction.attribute()));
            }
            Class<?> idType = rows.idType(mapping);
            Object id = SubjectTraces.convert(correction.entityId(), idType).orElseThrow(() -> new CustosException(
                    RequestExecutionMessages.invalidId(requestId, place, correction.entity(),
                            idType.getSimpleName())));
            if (!rows.ownedBy(work.em(), mapping, id, request.subjectId())) {
                throw new CustosException(RequestExecutionMessages.rowNotOfSubject(requestId, place,
                        correction.entity()));
            }
            targets.add(mapping);
            ids.add(id);
        }
        for (int i = 0; i < all.size(); i++) {
            Correction correction = all.get(i);
            EntityMapping mapping = targets.get(i);
            work.em().createQuery("UPDATE " + mapping.entityName() + " e SET e." + correction.attribute()
                            + " = :value" + mapping.versionBump().map(bump -> ", " + bump).orElse("")
                            + " WHERE e." + mapping.idAttribute() + " = :id")
                    .setParameter("value", stored(requestId, mapping, correction.attribute(),
                            request.subjectId(), correction.value()))
                    .setParameter("id", ids.get(i)).executeUpdate();
            auditRow(work.connection(), request, AuditAction.UPDATE, mapping, ids.get(i),
                    List.of(correction.attribute()));
        }
        return tx.completed(request, "rectified " + all.size());
    }

    /**
     * The value to store: a CRYPTO_SHRED attribute's value is encrypted under the subject's data key, created in a
     * committed transaction of its own when the subject has none (see {@code StoreBackedAudit}).
     */
    private Object stored(String requestId, EntityMapping mapping, String attribute, String subjectId, Object value) {
        if (value == null || !ShredCipher.shredded(mapping).contains(attribute)) {
            return value;
        }
        byte[] key = OwnTransaction.run(runtime, cause -> RequestExecutionMessages.executionFailed(requestId, cause),
                connection -> new SubjectDataKeys(runtime.clock()).key(connection, subjectId));
        return ShredCipher.encrypt(key, value);
    }

    private void auditRow(Connection connection, DataSubjectRequest request, AuditAction action,
                          EntityMapping mapping, Object id, List<String> attributes) {
        String basis = RowAudit.legalBasis(mapping.model(), attributes);
        writes.append(connection, RowAudit.event(tx.now(), ACTOR, request.subjectId(),
                keys.pseudonym(connection, request.subjectId()), action, mapping, id, attributes, PURPOSE, basis,
                AuditOutcome.DONE, "request " + request.id()));
    }
}
