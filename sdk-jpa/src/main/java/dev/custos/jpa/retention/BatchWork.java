// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.retention.RetentionDecision.Status;
import dev.custos.core.retention.RetentionDecision;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.internal.Erasure;
import dev.custos.jpa.internal.SanitizedCause;
import dev.custos.jpa.tx.Transactions;
import dev.custos.jpa.internal.SubjectTraces;
import dev.custos.jpa.request.Decision;
import dev.custos.jpa.internal.store.DecisionStore;
import dev.custos.jpa.internal.store.RequestStore;
import dev.custos.jpa.internal.store.SubjectKeys;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One batch of one sweep group, in one transaction: read the candidates, decide them, lock the due rows and
 * decide those again, erase what is still due, log and audit it. Thread-safe (stateless between calls).
 * <p>
 * Why decide twice: the first decision reads rows, holds and consent without locks, so the application may
 * change them before the erasure (a later anchor, a legal hold, consent given again). The re-check locks the
 * due rows first, so their anchors cannot change until the batch ends, and then reads holds, consent and the
 * erasure log afresh in the same transaction: everything committed before the lock counts, and rows that are no
 * longer due are skipped, neither logged nor audited, until a later sweep finds them due. Holds and consent
 * live in other tables, which no row lock covers: under read committed each re-check statement sees what was
 * committed when it began, and a hold or consent committed after that is ordered after the erasure, as if it
 * had come a moment later. Locking only the due rows, after a cheap first pass, keeps rows that are not due
 * free for the application's writers. A condition repeated in the erase statement could not do this: the due
 * date comes from the retention engine (fiscal years, the pack's zone, review rules, consent in the ledger by
 * pseudonym), and the log needs to know which rows went.
 */
final class BatchWork {

    /** The actor of the sweep's audit records. */
    static final String ACTOR = Caller.SWEEPER;

    private static final int ATTEMPTS = 3;

    /**
     * Test seam: called on the sweeping thread inside a batch's transaction, with the ids of the rows the first
     * decision found due, or of every candidate in a batch locked by range (never in a dry run or a preview, nor
     * when none is due).
     */
    interface Seam {
        Seam NONE = new Seam() {
        };

        /** After the first decision, before the due rows are locked. */
        default void decided(String entity, List<Object> ids) {
        }

        /** After the due rows are locked, before they are read and decided again. */
        default void locked(String entity, List<Object> ids) {
        }
    }

    /**
     * What a batch did; {@code lastId} is the keyset position for the next batch.
     *
     * @param skipped rows found due, then no longer due when re-checked under lock (or gone)
     */
    record Result(int candidates, int erased, int alreadyErased, Map<Status, Integer> kept, int skipped,
                  Object lastId) {
        int keptTotal() {
            return alreadyErased + skipped + kept.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A batch that failed and was rolled back; {@code lastId} is its keyset end, or null if not read. */
    static final class Failed extends CustosException {
        private static final long serialVersionUID = 1L;

        private final transient Object lastId;

        Failed(Message detail, Object lastId, Throwable cause) {
            super(detail, cause);
            this.lastId = lastId;
        }

        Object lastId() {
            return lastId;
        }
    }

    private final CustosRuntime runtime;
    private final Seam seam;
    private final SweepRows reader;
    private final DueCheck check;
    private final Erasure erasure;
    private final List<SweepGroup> shredGroups;
    private final DecisionStore decisions = new DecisionStore();
    private final SubjectKeys keys;
    private final RequestStore requests;

    BatchWork(CustosRuntime runtime, List<SweepGroup> groups, Seam seam) {
        this.runtime = runtime;
        this.seam = seam;
        this.shredGroups = groups.stream().filter(SweepGroup::shreds).toList();
        this.reader = new SweepRows(runtime);
        this.check = new DueCheck(runtime, reader, shredGroups);
        this.erasure = new Erasure(runtime.clock(), runtime.transactions());
        this.keys = new SubjectKeys(runtime.clock());
        this.requests = new RequestStore(keys);
    }

    /**
     * Runs one batch after keyset position {@code last} (null for the first).
     *
     * @param dryRun    decide only, and roll back
     * @param prefilter narrow candidates by the anchor cutoff (the sweep); false lists every row (the preview)
     * @param preview   where to add a preview entry per decided row, or null
     * @throws Failed {@code CUSTOS-04607} when the batch fails, {@code CUSTOS-04606} when it keeps meeting rows
     *                erased concurrently; it is rolled back
     */
    Result run(SweepGroup group, Object last, int size, int batch, String runId, boolean dryRun, boolean prefilter,
               List<PreviewEntry> preview) {
        boolean byRange = prefilter && !dryRun && preview == null && group.lockedByRange();
        for (int attempt = 1; ; attempt++) {
            List<SweepRow> rows = new ArrayList<>();
            // a retry after a row turned out logged already looks every row up in the log
            boolean lookUpLog = attempt > 1 || !group.skipsLogLookUp();
            try {
                Transactions.UnitWork<Result> unit = (em, connection) -> {
                    Instant now = runtime.clock().instant();
                    rows.addAll(reader.candidates(em, group, last, size, prefilter, now));
                    if (rows.isEmpty()) {
                        return new Result(0, 0, 0, Map.of(), 0, last);
                    }
                    return byRange ? eraseLockedRange(em, connection, group, last, rows, runId, now, lookUpLog)
                            : decideAndErase(em, connection, group, rows, runId, dryRun, preview, now);
                };
                Result result = dryRun
                        ? runtime.transactions().inRolledBackUnitTransaction(runtime.entityManagerFactory(),
                                runtime.dataSource(), unit)
                        : runtime.transactions().inUnitTransaction(runtime.entityManagerFactory(),
                                runtime.dataSource(), unit);
                if (result.erased() > 0) {
                    // Erasure evicted the entity in the transaction; a reader between then and the commit may
                    // have cached the old values again
                    runtime.entityManagerFactory().getCache().evict(group.mapping().type());
                }
                if (group.shreds() && result.erased() > 0) {
                    // no statement ran on the other shredding entities: the shared cache would keep the plaintext
                    shredGroups.forEach(g -> runtime.entityManagerFactory().getCache().evict(g.mapping().type()));
                }
                return result;
            } catch (Erasure.AlreadyLogged e) {
                // another sweeper logged one of this batch's rows first: rolled back; retry
                if (attempt >= ATTEMPTS) {
                    throw new Failed(SweepMessages.concurrentErasure(group.mapping().entityName(),
                            Integer.toString(batch), Integer.toString(attempt)), lastId(rows), e);
                }
            } catch (RuntimeException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Erasure.AlreadyLogged && attempt < ATTEMPTS) {
                    continue; // as above, when a container wrapped it
                }
                throw new Failed(SweepMessages.batchFailed(group.mapping().entityName(),
                        Integer.toString(batch), group.rule().id(), SanitizedCause.describe(e)), lastId(rows), e);
            }
        }
    }

    private static Object lastId(List<SweepRow> rows) {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1).id();
    }

    private Result decideAndErase(EntityManager em, Connection connection, SweepGroup group, List<SweepRow> rows,
                                  String runId, boolean dryRun, List<PreviewEntry> preview, Instant now) {
        DueCheck.Verdict first = check.decide(em, connection, group, rows, now, false, preview);
        Object lastId = lastId(rows);
        if (!dryRun) {
            openDecisions(connection, group, first.review(), now);
        }
        if (dryRun || first.due().isEmpty()) {
            return new Result(rows.size(), first.due().size(), first.alreadyErased(), first.kept(), 0, lastId);
        }
        String entity = group.mapping().entityName();
        List<Object> ids = first.due().stream().map(SweepRow::id).toList();
        seam.decided(entity, ids);
        List<SweepRow> locked = reader.lockAndRead(em, group, ids);
        seam.locked(entity, ids);
        // a fresh clock reading: a hold placed since the batch began is stamped after its start
        DueCheck.Verdict recheck = check.decide(em, connection, group, locked, runtime.clock().instant(), true, null);
        erase(em, connection, group, recheck, runId, now);
        int skipped = ids.size() - recheck.due().size() - recheck.alreadyErased();
        return new Result(rows.size(), recheck.due().size(), first.alreadyErased() + recheck.alreadyErased(),
                first.kept(), skipped, lastId);
    }

    /**
     * A batch of a group {@link SweepGroup#lockedByRange()}: locks the candidates' key range with one statement,
     * reads them again under the lock and decides them once, as the re-check of {@link #decideAndErase} does (every
     * unreleased hold keeps a row): holds and the log are read once, no statement runs per 500 ids before the
     * erasure. Candidates the lock no longer finds (anchor moved, values written over) count as skipped; the
     * candidates kept (held, within the cutoff's margin) stay locked until the batch commits too.
     */
    private Result eraseLockedRange(EntityManager em, Connection connection, SweepGroup group, Object last,
                                    List<SweepRow> rows, String runId, Instant now, boolean lookUpLog) {
        String entity = group.mapping().entityName();
        List<Object> ids = rows.stream().map(SweepRow::id).toList();
        Object hi = lastId(rows);
        seam.decided(entity, ids);
        List<SweepRow> locked = reader.lockRange(em, group, last, hi, now);
        seam.locked(entity, ids);
        DueCheck.Verdict verdict = check.decide(em, connection, group, locked, runtime.clock().instant(), true, null,
                lookUpLog);
        openDecisions(connection, group, verdict.review(), now);
        erase(em, connection, group, verdict, runId, now);
        Set<String> present = locked.stream().map(SweepRow::idText).collect(java.util.stream.Collectors.toSet());
        int skipped = (int) rows.stream().filter(row -> !present.contains(row.idText())).count();
        return new Result(rows.size(), verdict.due().size(), verdict.alreadyErased(), verdict.kept(), skipped, hi);
    }

    /**
     * Records the rows kept for a person's decision as erasure lines waiting for one ({@code custos_decision}),
     * once per row and rule: a line decided before is not opened again, so a row kept by decision stays kept.
     */
    private void openDecisions(Connection connection, SweepGroup group, Map<SweepRow, RetentionDecision> review,
                               Instant now) {
        if (review.isEmpty()) {
            return;
        }
        List<String> subjects = review.keySet().stream().map(SweepRow::subjectId)
                .filter(java.util.Objects::nonNull).distinct().toList();
        Map<String, String> refs = keys.existingPseudonyms(connection, subjects);
        List<Decision> lines = new ArrayList<>(review.size());
        review.forEach((row, decision) -> lines.add(Decision.open(Decision.Origin.SWEEP, group.rule().id(),
                group.mapping().entityName(), row.idText(), group.erasedNames(), group.rule().id(),
                group.rule().citationLine(), row.subjectId() == null ? java.util.Optional.empty()
                        : java.util.Optional.ofNullable(refs.get(row.subjectId())), now)));
        decisions.openAll(connection, lines);
    }

    private void erase(EntityManager em, Connection connection, SweepGroup group, DueCheck.Verdict verdict,
                       String runId, Instant now) {
        if (verdict.due().isEmpty()) {
            return;
        }
        List<String> ids = verdict.due().stream().map(SweepRow::idText).toList();
        // one ERASE record per subject (and rule detail) of the batch, listing its rows' ids (change S1)
        Erasure.Reason reason = new Erasure.Reason(group.rule().id(), runId, ACTOR, "", group.rule().basis().citation(),
                now, true);
        // every scope in this transaction: a failing statement rolls the whole row back
        for (Erasure.Scope scope : group.scopes()) {
            // the re-check left out rows logged under every scope; with several, one may be logged alone
            Set<String> logged = group.scopes().size() == 1 ? Set.of()
                    : erasure.logged(connection, scope, group.rule().id(), ids);
            List<Erasure.Target> targets = new ArrayList<>(verdict.due().size());
            for (SweepRow row : verdict.due()) {
                if (logged.contains(row.idText())) {
                    continue; // erased by this scope before (a run before rows were erased whole)
                }
                RetentionDecision decision = verdict.decisions().get(row);
                List<Object> values = scope.strategy() == ErasureStrategy.PSEUDONYMIZE ? row.values() : List.of();
                targets.add(new Erasure.Target(row.id(), row.subjectId(), values, decision.dueAt().orElse(now),
                        "rule " + group.rule().id() + ", " + scope.strategy() + ", " + decision.detail().code()
                                + decision.ground().map(g -> ", " + g).orElse("")));
            }
            erasure.erase(em, connection, scope, targets, reason);
        }
        forgetGoneSubjects(em, connection, group, verdict.due(), now);
    }

    /**
     * After rows were deleted: the subjects of which no annotated entity holds a row any more are named by their
     * pseudonyms in their restrictions and holds, their closed requests keep only the pseudonym (an open one must
     * still reach the subject), and their pseudonym key ends as a request's full erasure ends it
     * ({@link SubjectTraces}): destroyed, or kept for the pack's audit-identity period. Auditors follow the
     * pseudonym in the records, which keep it. Rows that stay (their values nulled or replaced) keep their subject,
     * so only a DELETE_ROW scope can make one go.
     */
    private void forgetGoneSubjects(EntityManager em, Connection connection, SweepGroup group, List<SweepRow> due,
                                    Instant now) {
        if (group.scopes().stream().noneMatch(s -> s.strategy() == ErasureStrategy.DELETE_ROW)) {
            return;
        }
        Set<String> subjects = new java.util.LinkedHashSet<>();
        due.stream().map(SweepRow::subjectId).filter(java.util.Objects::nonNull).forEach(subjects::add);
        subjects.removeAll(SubjectTraces.withRows(em, runtime.mappings(), subjects));
        for (String subject : subjects) {
            SubjectTraces.pseudonymise(connection, subject, keys.pseudonym(connection, subject));
            requests.forgetSubjectInClosedRequests(connection, subject);
            if (!requests.hasOpenRequest(connection, subject)) {
                SubjectTraces.forgetKey(connection, keys, runtime.pack(), subject, now);
            }
        }
    }
}
