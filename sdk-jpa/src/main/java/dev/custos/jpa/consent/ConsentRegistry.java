// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.consent;

import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.consent.ConsentConditions;
import dev.custos.core.consent.ConsentDecision;
import dev.custos.core.consent.ConsentEvaluator;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.consent.ConsentEvidence;
import dev.custos.core.consent.ConsentEventType;
import dev.custos.core.consent.ConsentStatus;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.internal.OwnTransaction;
import dev.custos.jpa.internal.ReadScope;
import dev.custos.jpa.internal.RowAudit;
import dev.custos.jpa.internal.StoreBackedAudit;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.Jdbc;
import dev.custos.jpa.internal.store.SubjectKeys;
import java.sql.Connection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records consent given and withdrawn for one persistence unit, and answers what it permits. Each change is
 * appended to the consent ledger and audited on the write chain in one transaction of its own, so it takes
 * effect at once: the next read under the purpose is permitted, or refused. Only purposes the annotated model
 * declares for consent-based data, or for data the pack says needs consent under that purpose, are accepted, so
 * a typo fails loudly instead of recording a consent nothing reads. It is the one way to record consent (sdk-cdi's
 * {@code ConsentService} delegates here), and refuses every change to a caller in a read-only role
 * ({@link CustosRuntime#refuseReadOnlyCaller}, {@code CUSTOS-04260}). Thread-safe.
 */
public final class ConsentRegistry {

    /** Consents imported per transaction. */
    public static final int IMPORT_CHUNK = 500;

    private final CustosRuntime runtime;
    private final SubjectKeys keys;
    private final ConsentLedger ledger;
    private final AuditTrail writes;
    private final ConsentEvaluator evaluator;

    public ConsentRegistry(CustosRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.keys = new SubjectKeys(runtime.clock());
        this.ledger = new ConsentLedger(keys, runtime.clock(), runtime.transactions());
        this.writes = new AuditTrail(StoreBackedAudit.WRITE_CHAIN, runtime.clock(), runtime.transactions());
        this.evaluator = new ConsentEvaluator(runtime.clock());
    }

    /**
     * The purposes consent can be given for: those of the model's consent-based attributes, and those the pack
     * says need consent whatever the data's basis ({@code <purpose requires-consent="true">}) that an attribute
     * is processed for.
     */
    public Set<String> purposes() {
        Set<String> purposes = new TreeSet<>();
        runtime.model().entities().forEach(e -> e.attributes().forEach(a -> a.purposes().stream()
                .filter(p -> a.consentRequired(Optional.of(p), runtime.pack())).forEach(purposes::add)));
        return purposes;
    }

    /**
     * Records that {@code subjectId} consented to {@code purpose} under privacy notice {@code noticeVersion},
     * without evidence. Refused for a purpose the pack asks evidence for (see
     * {@link #give(String, String, String, ConsentEvidence, String)}).
     *
     * @throws CustosException {@code CUSTOS-04426} for a purpose no consent-based attribute declares, and as
     *                         {@link #give(String, String, String, ConsentEvidence, String)}
     */
    public ConsentEvent give(String subjectId, String purpose, String noticeVersion, String recordedBy) {
        return give(subjectId, purpose, noticeVersion, ConsentEvidence.NONE, recordedBy);
    }

    /**
     * Records that {@code subjectId} consented to {@code purpose} under privacy notice {@code noticeVersion}, with
     * {@code evidence}, which the ledger keeps with the event (the parental authorisation only as a pseudonym).
     * The pack's {@code <purpose>} decides what evidence a consent needs, and a consent without it is refused
     * before anything is recorded ({@link ConsentConditions}).
     *
     * @throws CustosException {@code CUSTOS-04426} for a purpose no attribute needs consent for;
     *                         {@code CUSTOS-02032} without the written evidence the purpose requires;
     *                         {@code CUSTOS-02033} or {@code CUSTOS-02034} for consent to an information society
     *                         service without an age band at or above the pack's digital consent age or a parental
     *                         authorisation (GDPR Art. 8)
     */
    public ConsentEvent give(String subjectId, String purpose, String noticeVersion, ConsentEvidence evidence,
                             String recordedBy) {
        Objects.requireNonNull(evidence, "evidence");
        runtime.refuseReadOnlyCaller("record consent");
        ConsentEvent event = ConsentEvent.given(subjectId, checked(purpose), runtime.clock().instant(), noticeVersion,
                evidence);
        ConsentConditions.refusal(runtime.pack(), purpose, evidence).ifPresent(refusal -> {
            throw new CustosException(refusal);
        });
        return record(event, recordedBy);
    }

    /**
     * Records that {@code subjectId} withdrew consent to {@code purpose}; consent-based reads under it are refused
     * from now on, and data kept until consent is withdrawn becomes due for the retention sweep.
     *
     * @throws CustosException {@code CUSTOS-04426} for a purpose no consent-based attribute declares
     */
    public ConsentEvent withdraw(String subjectId, String purpose, String recordedBy) {
        runtime.refuseReadOnlyCaller("withdraw consent");
        return record(ConsentEvent.withdrawn(subjectId, checked(purpose), runtime.clock().instant()), recordedBy);
    }

    /**
     * Brings consents the application held before Custos into the consent ledger, with their evidence (see
     * {@link ImportedConsent}): each is a GIVEN event dated as the evidence, under its notice version, recorded by
     * {@code import:<source>}, chained as every ledger event, and audited ({@code CONSENT_GIVEN}, actor
     * {@code importedBy}, detail naming the source). Consents already in the ledger are skipped, so an import can
     * run again. Every consent is checked before anything is recorded; then they are recorded in transactions of
     * {@value #IMPORT_CHUNK}, each committing whole.
     *
     * @return how many were recorded now (the others were in the ledger already)
     * @throws CustosException {@code CUSTOS-04426} for a purpose no consent-based attribute declares,
     *                         {@code CUSTOS-04218} for a consent dated after now
     */
    public int importConsents(List<ImportedConsent> consents, String importedBy) {
        runtime.requireEnabled();
        runtime.refuseReadOnlyCaller("import consents");
        Objects.requireNonNull(importedBy, "importedBy");
        List<ImportedConsent> all = List.copyOf(consents);
        all.forEach(c -> checked(c.purpose()));
        int recorded = 0;
        for (List<ImportedConsent> chunk : Jdbc.chunks(all, IMPORT_CHUNK)) {
            recorded += OwnTransaction.run(runtime, JpaMessages::unitTransactionFailed, c -> {
                List<ImportedConsent> done = ledger.importGiven(c, chunk);
                for (ImportedConsent consent : done) {
                    writes.append(c, new AuditEvent(runtime.clock().instant(), importedBy,
                            keys.pseudonym(c, consent.subjectId()), AuditAction.CONSENT_GIVEN, "", "", List.of(),
                            consent.purpose(), "", AuditOutcome.DONE, "imported from " + consent.source()
                            + ", given " + consent.givenAt() + ", notice " + consent.noticeVersion()));
                }
                return done.size();
            });
            ReadScope.subjectStateChanged();
        }
        return recorded;
    }

    /** Appends {@code event} and its audit record on {@code connection}, in the transaction of its caller. */
    private void record(Connection connection, ConsentEvent event, String recordedBy, String detail) {
        ledger.record(connection, event, recordedBy);
        ReadScope.subjectStateChanged();
        AuditAction action = event.type() == ConsentEventType.GIVEN ? AuditAction.CONSENT_GIVEN
                : AuditAction.CONSENT_WITHDRAWN;
        String ref = keys.pseudonym(connection, event.subjectId());
        writes.append(connection, new AuditEvent(event.at(), RowAudit.actor(recordedBy, event.subjectId(), ref), ref,
                action, "", "", List.of(), event.purpose(), "", AuditOutcome.DONE, detail));
    }

    /** The purposes {@code events} ever gave consent for: what withdrawing "all consent" withdraws. */
    public static Set<String> purposesEverGiven(List<ConsentEvent> events) {
        Set<String> purposes = new TreeSet<>();
        events.stream().filter(e -> e.type() == ConsentEventType.GIVEN).forEach(e -> purposes.add(e.purpose()));
        return purposes;
    }

    /** The purposes the subject ever gave consent for. */
    public Set<String> purposesEverGiven(String subjectId) {
        return purposesEverGiven(events(subjectId));
    }

    /** Whether consent-based reads of the subject's data under {@code purpose} are permitted now, and why. */
    public ConsentDecision check(String subjectId, String purpose) {
        return evaluator.evaluate(events(subjectId), subjectId, purpose, Set.of());
    }

    /** The subject's consent state for {@code purpose}: never given, given, withdrawn or expired. */
    public ConsentStatus status(String subjectId, String purpose) {
        return evaluator.status(events(subjectId), subjectId, purpose);
    }

    private List<ConsentEvent> events(String subjectId) {
        return OwnTransaction.run(runtime, JpaMessages::unitTransactionFailed, c -> ledger.events(c, subjectId));
    }

    private ConsentEvent record(ConsentEvent event, String recordedBy) {
        runtime.requireEnabled();
        OwnTransaction.run(runtime, JpaMessages::unitTransactionFailed, c -> {
            record(c, event, recordedBy, "");
            return null;
        });
        ReadScope.subjectStateChanged(); // committed: reads that begin now must see it
        return event;
    }

    private String checked(String purpose) {
        Set<String> known = purposes();
        if (!known.contains(purpose)) {
            throw new CustosException(JpaMessages.unknownPurpose(purpose, String.join(", ", known)));
        }
        return purpose;
    }
}
