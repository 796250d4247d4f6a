// SPDX-License-Identifier: Apache-2.0
// Over 300 lines: the records its callers name as Erasure.Scope, Target, Reason and AlreadyLogged are nested here.
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.tx.Transactions;
import dev.custos.jpa.internal.store.ErasureLog;
import dev.custos.jpa.internal.store.SubjectDataKeys;
import dev.custos.jpa.internal.store.SubjectKeys;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The one way Custos erases rows of an application's entity, shared by the retention sweeper and the
 * data-subject request executor: for a {@link Scope} (attributes of one entity sharing one erasure strategy,
 * with their derived copies) and a set of rows, it runs the set-based statement of the strategy, then logs each
 * row once in {@code custos_erasure_log} and appends one {@code ERASE} record per row (per subject, listing the
 * rows' ids, for a {@link Reason#listed()} erasure such as the sweep's batch) to the write audit chain,
 * all on the entity manager's transaction connection ({@link TransactionConnection}), so the erasure, its log
 * and its audit commit together or not at all.
 * <p>
 * The statements run over JDBC on that connection, with the table, columns and value binding of the provider's
 * mapping ({@link RowTable}): a statement the database refuses (a CHECK a DBA added, say) then reaches no
 * provider logger, which would print the database's text and with it the failing row, and is reported as
 * {@code CUSTOS-04560} with the {@link SanitizedCause}. A row over several tables is written table by table
 * (joined inheritance, secondary tables; a delete clears its collection tables first), an embedded attribute
 * column by column. Only mappings {@link RowTable} cannot describe (soft delete, a table per concrete class, a
 * key of several columns, a unidirectional one-to-many or the inverse side of a many-to-many on a delete, a
 * collection inside an embeddable) go through the provider's bulk JPQL, whose refusal the provider may log;
 * the first such erasure of an entity says so at WARNING ({@code CUSTOS-04580}).
 * <p>
 * Strategies: NULLIFY ({@code SET a = NULL}, copies too); DELETE_ROW ({@code DELETE}); ANONYMIZE (the fixed
 * values of {@link #anonymous}, copies too, or text and UUIDs that satisfy the column's constraints, row by row
 * where the column is unique: see {@link ErasedValues}); PSEUDONYMIZE (row by row, a keyed pseudonym of each
 * value under the subject's key, shaped to the column's constraints; the copies get anonymous values);
 * CRYPTO_SHRED (no statement for the attributes: the data keys of the rows' subjects are deleted from
 * {@code custos_subject_data_key}, which erases every CRYPTO_SHRED value of those subjects at once; copies are
 * nulled). Callers shred only when nothing of the subject's
 * CRYPTO_SHRED data must be kept, and evict the entity from the shared cache after commit. Rows go in chunks of
 * {@value #IN_CHUNK} ids. Statements bypass entity listeners; the entity is evicted from the shared cache in the
 * transaction (callers evict it again after commit), and entity managers that loaded the rows before keep their
 * stale copies, whose version the statements move on where the entity has one.
 * <p>
 * Stateless and thread-safe; the connection must not be shared between threads, as JDBC requires.
 */
public final class Erasure {

    static final int IN_CHUNK = 500;

    /**
     * What is erased: attributes of one entity that share one strategy, and the derived copies erased with them.
     *
     * @param copies the copies' names with their Java types (for their anonymous values)
     */
    public record Scope(EntityMapping mapping, ErasureStrategy strategy, List<PersonalDataAttribute> attributes,
                        Map<String, Class<?>> copies) {

        public Scope {
            Objects.requireNonNull(mapping, "mapping");
            Objects.requireNonNull(strategy, "strategy");
            attributes = List.copyOf(attributes);
            copies = Collections.unmodifiableMap(new LinkedHashMap<>(copies));
        }

        /** The attributes as the erasure log names them: sorted, with the copies; {@code *} for a row. */
        public List<String> erasedNames() {
            if (strategy == ErasureStrategy.DELETE_ROW) {
                return List.of("*");
            }
            return List.copyOf(names(false));
        }

        /** The personal attributes and copies, for the audit's field list; every personal one for a row. */
        public List<String> fieldNames() {
            return List.copyOf(names(strategy == ErasureStrategy.DELETE_ROW));
        }

        private TreeSet<String> names(boolean wholeRow) {
            TreeSet<String> names = new TreeSet<>(copies.keySet());
            attributes.forEach(a -> names.add(a.name()));
            if (wholeRow) {
                mapping.model().attributes().forEach(a -> names.add(a.name()));
            }
            return names;
        }

        /**
         * Whether the scope is written row by row ({@link #rowJpql()}): PSEUDONYMIZE, whose pseudonyms differ per
         * value, and ANONYMIZE where an attribute or copy is a unique column, whose values differ per row.
         */
        public boolean perRow() {
            return switch (strategy) {
                case PSEUDONYMIZE -> true;
                case ANONYMIZE -> attributes.stream().anyMatch(a -> ErasedValues.perRow(mapping.type(), a.name(),
                        a.type())) || copies.entrySet().stream().anyMatch(c -> ErasedValues.perRow(mapping.type(), c.getKey(),
                        c.getValue()));
                default -> false;
            };
        }

        /**
         * The bulk statement erasing the rows {@code :ids}, or null when the scope is written {@link #perRow()}.
         * For ANONYMIZE the values are parameters {@code a0}, {@code a1}, ... (see {@link #anonymousValues()}).
         */
        public String eraseJpql() {
            String where = " WHERE e." + mapping.idAttribute() + " IN :ids";
            if (strategy == ErasureStrategy.DELETE_ROW) {
                return "DELETE FROM " + mapping.entityName() + " e" + where;
            }
            Map<String, Boolean> sets = bulkSets();
            if (sets.isEmpty()) {
                return null;
            }
            List<String> assignments = new ArrayList<>();
            int index = 0;
            for (Map.Entry<String, Boolean> set : sets.entrySet()) {
                assignments.add("e." + set.getKey() + (set.getValue() ? " = :a" + index++ : " = NULL"));
            }
            mapping.versionBump().ifPresent(assignments::add);
            return "UPDATE " + mapping.entityName() + " e SET " + String.join(", ", assignments) + where;
        }

        /**
         * What the bulk statement sets, in order: each attribute and copy, true where an anonymous value is bound
         * and false where it is nulled; empty for DELETE_ROW and where the scope is written {@link #perRow()}.
         */
        Map<String, Boolean> bulkSets() {
            Map<String, Boolean> sets = new LinkedHashMap<>();
            if (strategy == ErasureStrategy.DELETE_ROW || perRow()) {
                return sets;
            }
            boolean nulls = strategy == ErasureStrategy.NULLIFY || strategy == ErasureStrategy.CRYPTO_SHRED;
            if (strategy == ErasureStrategy.NULLIFY) {
                attributes.forEach(a -> sets.put(a.name(), false));
            } else if (strategy == ErasureStrategy.ANONYMIZE) {
                attributes.forEach(a -> sets.put(a.name(), true));
            }
            // a copy of anonymised data gets an anonymous value too, so NOT NULL columns stay valid
            copies.keySet().forEach(copy -> sets.put(copy, !nulls));
            return sets;
        }

        /** The values bound to {@code a0}, {@code a1}, ... of {@link #eraseJpql()}, the same in every row. */
        public List<Object> anonymousValues() {
            List<Object> values = new ArrayList<>();
            if (strategy == ErasureStrategy.ANONYMIZE) {
                attributes.forEach(a -> values.add(anonymous(a.name(), a.type(), null)));
            }
            if (strategy != ErasureStrategy.NULLIFY && strategy != ErasureStrategy.CRYPTO_SHRED) {
                copies.forEach((name, type) -> values.add(anonymous(name, type, null)));
            }
            return values;
        }

        /**
         * Sets the attributes and copies of one row, {@link #perRow()}: parameters {@code v0}, {@code v1}, ... (see
         * {@link #rowValues}) and {@code id}.
         */
        public String rowJpql() {
            List<String> sets = new ArrayList<>();
            int index = 0;
            for (PersonalDataAttribute a : attributes) {
                sets.add("e." + a.name() + " = :v" + index++);
            }
            for (String copy : copies.keySet()) {
                sets.add("e." + copy + " = :v" + index++);
            }
            mapping.versionBump().ifPresent(sets::add);
            return "UPDATE " + mapping.entityName() + " e SET " + String.join(", ", sets) + " WHERE e."
                    + mapping.idAttribute() + " = :id";
        }

        /**
         * The values of {@link #rowJpql()} for {@code row}: pseudonyms by {@code keyed} (the subject's keyed
         * pseudonym of a text) for PSEUDONYMIZE, anonymous values otherwise and for the copies.
         */
        List<Object> rowValues(Target row, java.util.function.UnaryOperator<String> keyed) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < attributes.size(); i++) {
                PersonalDataAttribute a = attributes.get(i);
                if (strategy == ErasureStrategy.PSEUDONYMIZE) {
                    Object value = row.values().get(i);
                    values.add(value == null ? null : ErasedValues.pseudonym(mapping.type(), a.name(), row.idText(),
                            String.valueOf(value), keyed));
                } else {
                    values.add(anonymous(a.name(), a.type(), row.idText()));
                }
            }
            copies.forEach((name, type) -> values.add(anonymous(name, type, row.idText())));
            return values;
        }

        private Object anonymous(String attribute, Class<?> type, String idText) {
            return ErasedValues.anonymous(mapping.type(), mapping.entityName(), attribute, type, idText);
        }
    }

    /**
     * One row to erase.
     *
     * @param id        the entity's id
     * @param subjectId the row's data subject, or null; PSEUDONYMIZE and CRYPTO_SHRED need one
     * @param values    the current values of the scope's attributes, in their order (PSEUDONYMIZE only; else empty)
     * @param dueAt     when the erasure was due, for the log
     * @param detail    the audit record's detail
     */
    public record Target(Object id, String subjectId, List<Object> values, Instant dueAt, String detail) {
        public Target {
            Objects.requireNonNull(id, "id");
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }

        String idText() {
            return String.valueOf(id);
        }
    }

    /**
     * Why and by whom: the rule (a retention rule's id, or {@code request:<request id>}), the run, and the
     * audit's actor, purpose and legal basis.
     *
     * @param listed one {@code ERASE} record per subject and everything else the records say, listing the rows'
     *               ids ({@link ResultRecords}, the sweep's batches); false for one record per row
     */
    public record Reason(String ruleId, String runId, String actor, String purpose, String basis, Instant at,
                         boolean listed) {

        /** A reason audited one record per row. */
        public Reason(String ruleId, String runId, String actor, String purpose, String basis, Instant at) {
            this(ruleId, runId, actor, purpose, basis, at, false);
        }

        public Reason {
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(basis, "basis");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Raised when the erasure log already holds one of the rows under the same rule (another transaction erased
     * it at the same time); the caller's transaction must be rolled back, as the statements have run.
     */
    public static final class AlreadyLogged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AlreadyLogged(String entity, int rows) {
            super("one of " + rows + " rows of " + entity + " was logged as erased by another transaction", null,
                    false, false);
        }
    }

    private final SubjectKeys keys;
    private final SubjectDataKeys dataKeys;
    private final ErasureLog log = new ErasureLog();
    private final ErasureStatements statements;
    private final ErasureEntries entries;

    public Erasure(Clock clock, Transactions transactions) {
        this.keys = new SubjectKeys(clock);
        this.dataKeys = new SubjectDataKeys(clock);
        this.statements = new ErasureStatements(keys);
        this.entries = new ErasureEntries(keys, clock, transactions);
    }

    /** The ids (as text) among {@code ids} whose erasure of exactly this scope under {@code ruleId} is logged. */
    public Set<String> logged(Connection connection, Scope scope, String ruleId, Collection<String> ids) {
        if (!scope.mapping().idIsSubject()) {
            return log.loggedIds(connection, scope.mapping().entityName(), ruleId, scope.erasedNames(), ids);
        }
        // the log names such rows by pseudonym (see erase); ids logged in clear by earlier versions count too
        Map<String, String> refs = keys.existingPseudonyms(connection, ids);
        List<String> names = new ArrayList<>(ids);
        names.addAll(refs.values());
        Set<String> found = log.loggedIds(connection, scope.mapping().entityName(), ruleId, scope.erasedNames(),
                names);
        Set<String> logged = new java.util.HashSet<>();
        ids.stream().filter(id -> found.contains(id) || found.contains(refs.get(id))).forEach(logged::add);
        return logged;
    }

    /**
     * Erases {@code rows} by the scope's strategy, logs each once and audits each once, in the entity manager's
     * transaction ({@code connection} is its {@link TransactionConnection}). Callers leave out rows
     * {@link #logged} already.
     *
     * @throws AlreadyLogged when a row turns out to be logged already; roll the transaction back
     */
    public void erase(EntityManager em, Connection connection, Scope scope, List<Target> rows, Reason reason) {
        if (rows.isEmpty()) {
            return;
        }
        if (scope.strategy() == ErasureStrategy.CRYPTO_SHRED) {
            rows.stream().map(row -> Objects.requireNonNull(row.subjectId(), "subjectId")).distinct()
                    .forEach(subject -> dataKeys.shred(connection, subject));
        }
        Optional<RowTable> table = RowTable.of(em, scope.mapping(), ScopeSql.columnNames(scope),
                scope.strategy() == ErasureStrategy.DELETE_ROW);
        if (table.isPresent()) {
            em.flush(); // what a JPQL statement would have flushed first
            try {
                statements.writeRows(connection, table.get(), scope, rows);
            } catch (SQLException e) {
                throw new CustosException(JpaMessages.erasureStatementFailed(scope.mapping().entityName(),
                        Integer.toString(rows.size()), scope.strategy().name(), SanitizedCause.describe(e)), e);
            }
            // as a bulk JPQL statement would: no shared cache keeps the values erased behind the provider's back
            em.getEntityManagerFactory().getCache().evict(scope.mapping().type());
        } else {
            ErasureStatements.noteProviderStatement(em, scope.mapping().entityName());
            statements.bulkJpql(em, connection, scope, rows);
        }
        entries.log(connection, scope, rows, reason);
    }

    /**
     * The anonymous value ANONYMIZE writes where the column sets no rule: "anonymised" for text, zero for
     * numbers, false, the character '-', 1970-01-01 (midnight UTC for times), the nil UUID and an empty byte
     * array; null for other types. The same value in every row; unique and constrained text and unique UUIDs
     * get values of their own ({@link ErasedValues}).
     */
    public static Object anonymous(Class<?> type) {
        Map<Class<?>, Object> values = Map.ofEntries(Map.entry(String.class, "anonymised"),
                Map.entry(Boolean.class, false), Map.entry(boolean.class, false),
                Map.entry(Byte.class, (byte) 0), Map.entry(byte.class, (byte) 0),
                Map.entry(Short.class, (short) 0), Map.entry(short.class, (short) 0),
                Map.entry(Integer.class, 0), Map.entry(int.class, 0), Map.entry(Long.class, 0L),
                Map.entry(long.class, 0L), Map.entry(Float.class, 0f), Map.entry(float.class, 0f),
                Map.entry(Double.class, 0d), Map.entry(double.class, 0d), Map.entry(Character.class, '-'),
                Map.entry(char.class, '-'), Map.entry(BigDecimal.class, BigDecimal.ZERO),
                Map.entry(BigInteger.class, BigInteger.ZERO), Map.entry(LocalDate.class, LocalDate.EPOCH),
                Map.entry(LocalDateTime.class, LocalDateTime.of(1970, 1, 1, 0, 0)),
                Map.entry(OffsetDateTime.class, OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
                Map.entry(ZonedDateTime.class, ZonedDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
                Map.entry(Instant.class, Instant.EPOCH), Map.entry(java.sql.Date.class, java.sql.Date.valueOf(
                        LocalDate.EPOCH)), Map.entry(java.sql.Timestamp.class, new java.sql.Timestamp(0)),
                Map.entry(Date.class, new Date(0)), Map.entry(UUID.class, new UUID(0, 0)),
                Map.entry(byte[].class, new byte[0]));
        return values.get(type);
    }
}
