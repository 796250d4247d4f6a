// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.Message;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.internal.Erasure;
import dev.custos.jpa.internal.RowAudit;
import dev.custos.jpa.internal.SubjectTraces;
import dev.custos.jpa.internal.store.RequestStore;
import dev.custos.jpa.internal.store.SubjectKeys;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Carries out what {@link SubjectErasure} decided for an erasure request, by each attribute's declared erasure
 * strategy, through {@link Erasure} (the retention sweeper's statements, erasure log and ERASE audit), under the
 * rule {@code request:<request id>}:
 * <ul>
 * <li>DELETE_ROW deletes the row only when none of its values is kept or left for review; otherwise the values
 * to erase are nulled and the row stays (a note, {@code CUSTOS-04718}, says so);</li>
 * <li>ANONYMIZE writes the anonymous values, PSEUDONYMIZE the subject-keyed pseudonyms, NULLIFY nulls; derived
 * copies are erased with their sources;</li>
 * <li>CRYPTO_SHRED deletes the subject's data key, which erases all of the subject's CRYPTO_SHRED values at once:
 * so it is done only when no CRYPTO_SHRED value of the subject is kept or left for review, after every page
 * ({@link #finish}); otherwise the CRYPTO_SHRED values to erase are nulled one by one (logged as NULLIFY) and
 * the key stays.</li>
 * </ul>
 * Rows are collected per page and erased set-based per entity and strategy. Rows whose erasure this request
 * logged already (a rerun after review) are skipped, so a second erasure of a row does nothing.
 * <p>
 * {@link #forget} ends the subject's erasure when nothing is kept: the subject id is cleared from its requests
 * and its pseudonym key destroyed. Not thread-safe; one instance per request run.
 */
final class RequestErasure implements SubjectErasure.RowEraser {

    private final CustosRuntime runtime;
    private final SubjectRows rows;
    private final UnitOfWork work;
    private final Erasure erasure;
    private final String requestId;
    private final String subjectId;
    private final Instant now;
    private final Map<String, Erasure.Scope> scopes = new LinkedHashMap<>();
    private final Map<String, List<Erasure.Target>> pending = new LinkedHashMap<>();
    private final Map<String, List<Erasure.Target>> shredPending = new LinkedHashMap<>();
    private final List<Message> notes = new ArrayList<>();

    RequestErasure(CustosRuntime runtime, SubjectRows rows, UnitOfWork work, String requestId, String subjectId) {
        this.runtime = runtime;
        this.rows = rows;
        this.work = work;
        this.erasure = new Erasure(runtime.clock(), runtime.transactions());
        this.requestId = requestId;
        this.subjectId = subjectId;
        this.now = runtime.clock().instant();
    }

    /** The rule the erasure log and audit name for this request. */
    String ruleId() {
        return "request:" + requestId;
    }

    /**
     * An erasure request's notes: rows kept instead of deleted, then whether the subject's key goes now, goes at
     * the date the pack's audit-identity rule sets, or stays and why.
     */
    List<Message> notes(List<ErasureReport.Line> lines) {
        List<Message> all = new ArrayList<>(notes);
        long kept = lines.stream().filter(l -> l.outcome() != ErasureReport.Outcome.ERASED).count();
        if (kept > 0) {
            all.add(RequestExecutionMessages.subjectKeyKept(requestId, Long.toString(kept)));
        } else if (keyKeptUntil().isPresent()) {
            all.add(RequestExecutionMessages.auditIdentityKept(requestId, describe(keyKeptUntil().get()),
                    runtime.pack().auditIdentity().orElseThrow().citationLine()));
        } else {
            all.add(RequestExecutionMessages.subjectKeyShredded(requestId));
        }
        return all;
    }

    /** The notes on rows kept instead of deleted only: a consent withdrawal does not touch the subject's key. */
    List<Message> rowNotes() {
        return List.copyOf(notes);
    }

    /**
     * When the subject's pseudonym key goes once nothing of the subject is kept: empty for at once, otherwise the
     * erasure time plus the period of the pack's audit-identity rule.
     */
    Optional<Instant> keyKeptUntil() {
        return SubjectTraces.keyKeptUntil(runtime.pack(), now);
    }

    /** The REQUEST_COMPLETED audit detail of an erasure that forgets the subject: when the audit stops linking. */
    String forgetDetail() {
        return keyKeptUntil().map(until -> "audit identity kept until " + describe(until) + " under "
                + runtime.pack().auditIdentity().orElseThrow().citationLine()).orElse("pseudonym key destroyed");
    }

    private String describe(Instant instant) {
        return instant.atZone(runtime.pack().zone()).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Override
    public void erase(EntityMapping mapping, SubjectRows.Row row, List<String> names,
                      List<PersonalDataAttribute> erase, boolean wholeRow, Map<String, String> grounds) {
        List<PersonalDataAttribute> all = mapping.model().attributes();
        boolean deletes = all.stream().anyMatch(a -> a.erasure() == ErasureStrategy.DELETE_ROW);
        if (deletes && wholeRow) {
            add(new Erasure.Scope(mapping, ErasureStrategy.DELETE_ROW, all, Map.of()), row, names, grounds);
            return;
        }
        if (deletes) {
            // a row keyed by the subject's id is not named by it: the note reaches people and logs
            notes.add(RequestExecutionMessages.deleteRowKeepsRow(mapping.entityName(), mapping.idIsSubject()
                    ? "(the subject's own, keyed by the subject's id)" : String.valueOf(row.id())));
        }
        Map<ErasureStrategy, List<PersonalDataAttribute>> byStrategy = new LinkedHashMap<>();
        for (PersonalDataAttribute attribute : erase) {
            ErasureStrategy strategy = switch (attribute.erasure()) {
                case DELETE_ROW -> ErasureStrategy.NULLIFY;
                default -> attribute.erasure();
            };
            byStrategy.computeIfAbsent(strategy, s -> new ArrayList<>()).add(attribute);
        }
        byStrategy.forEach((strategy, attributes) -> {
            Map<String, Class<?>> copies = new LinkedHashMap<>();
            attributes.forEach(a -> a.derivedCopies().forEach(c -> copies.put(c, rows.attributeType(mapping, c))));
            add(new Erasure.Scope(mapping, strategy, attributes, copies), row, names, grounds);
        });
    }

    /**
     * Collects the row for {@code scope}; its audit detail names the request and the grounds its erased values
     * rest on, such as {@code GDPR Art. 17(1)(b)} for a value whose consent was withdrawn.
     */
    private void add(Erasure.Scope scope, SubjectRows.Row row, List<String> names, Map<String, String> grounds) {
        String key = scope.mapping().entityName() + "|" + scope.strategy() + "|" + scope.erasedNames();
        scopes.putIfAbsent(key, scope);
        List<Object> values = scope.strategy() != ErasureStrategy.PSEUDONYMIZE ? List.of()
                : scope.attributes().stream().map(a -> row.values().get(names.indexOf(a.name()))).toList();
        (scope.strategy() == ErasureStrategy.CRYPTO_SHRED ? shredPending : pending)
                .computeIfAbsent(key, k -> new ArrayList<>()).add(new Erasure.Target(row.id(), subjectId, values, now,
                        "request " + requestId + ground(scope, grounds)));
    }

    private static String ground(Erasure.Scope scope, Map<String, String> grounds) {
        String cited = scope.attributes().stream().map(a -> grounds.get(a.name())).filter(g -> g != null)
                .distinct().sorted().collect(Collectors.joining("; "));
        return cited.isEmpty() ? "" : ": " + cited;
    }

    @Override
    public void endOfPage() {
        pending.forEach((key, targets) -> eraseUnlogged(scopes.get(key), targets));
        pending.clear();
    }

    /**
     * After the last page: shreds the subject's data key when none of its CRYPTO_SHRED values is kept or left for
     * review ({@code lines} are every value's outcome); otherwise nulls the CRYPTO_SHRED values to erase.
     */
    void finish(List<ErasureReport.Line> lines) {
        java.util.Set<String> shredded = new java.util.HashSet<>();
        runtime.mappings().forEach(m -> m.model().attributes().stream()
                .filter(a -> a.erasure() == ErasureStrategy.CRYPTO_SHRED)
                .forEach(a -> shredded.add(m.entityName() + "." + a.name())));
        boolean keyMayGo = lines.stream().filter(l -> shredded.contains(l.entity() + "." + l.attribute()))
                .allMatch(l -> l.outcome() == ErasureReport.Outcome.ERASED);
        shredPending.forEach((key, targets) -> {
            Erasure.Scope scope = scopes.get(key);
            eraseUnlogged(keyMayGo ? scope : new Erasure.Scope(scope.mapping(), ErasureStrategy.NULLIFY,
                    scope.attributes(), scope.copies()), targets);
        });
        shredPending.clear();
    }

    private void eraseUnlogged(Erasure.Scope scope, List<Erasure.Target> all) {
        Set<String> logged = erasure.logged(work.connection(), scope, ruleId(),
                all.stream().map(t -> String.valueOf(t.id())).toList());
        List<Erasure.Target> targets = all.stream().filter(t -> !logged.contains(String.valueOf(t.id()))).toList();
        erasure.erase(work.em(), work.connection(), scope, targets, new Erasure.Reason(ruleId(), requestId,
                RequestExecutor.ACTOR, RequestExecutor.PURPOSE, basis(scope), now));
    }

    private static String basis(Erasure.Scope scope) {
        return RowAudit.legalBasis(scope.attributes());
    }

    /**
     * Makes the subject unlinkable once nothing of it is kept: clears the subject id from its requests and
     * destroys its pseudonym key ({@link SubjectKeys#shred}), in the caller's transaction; where the pack
     * requires the audit to keep identifying erased subjects, the key's destruction is scheduled for
     * {@link #keyKeptUntil()} instead ({@link SubjectKeys#scheduleShred}). Run it after every audit record of
     * the request is written: a later one would create a new key.
     *
     * @return whether there was a key to destroy or schedule
     */
    boolean forget(UnitOfWork work, RequestStore requests, SubjectKeys keys) throws SQLException {
        requests.forgetSubject(work.connection(), subjectId);
        // the pseudonym stops naming anybody once the key is destroyed; until then auditors follow it
        String ref = keys.pseudonym(work.connection(), subjectId);
        SubjectTraces.pseudonymise(work.connection(), subjectId, ref);
        return SubjectTraces.forgetKey(work.connection(), keys, runtime.pack(), subjectId, now);
    }

    /** Whether the request may forget the subject: no value is kept or left for review. */
    boolean forgetsSubject(List<ErasureReport.Line> lines) {
        return lines.stream().allMatch(l -> l.outcome() == ErasureReport.Outcome.ERASED);
    }
}
