// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.Message;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Table;
import jakarta.persistence.metamodel.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The deployment check of an attribute's erasure strategy against its column and Bean Validation constraints
 * ({@link ColumnRules}) and the database's declaration of the column ({@link DatabaseColumns}): NULLIFY (and the
 * nulling of derived copies by NULLIFY and CRYPTO_SHRED) where null is forbidden, ANONYMIZE of a unique column
 * with a value the same in every row, and ANONYMIZE or PSEUDONYMIZE text that no derivable value (or the given
 * replacement) can satisfy. Such a strategy would fail in every sweep; reported at start it names the fix.
 * Stateless.
 */
final class ErasureConstraints {

    private ErasureConstraints() {
    }

    /** The problems of the {@code @PersonalData} attribute {@code attribute} of {@code entity}. */
    static List<Message> check(EntityType<?> entity, String attribute, DatabaseColumns database) {
        Class<?> type = entity.getJavaType();
        PersonalData data = ColumnRules.annotation(type, attribute, PersonalData.class);
        if (data == null) {
            return List.of();
        }
        String location = type.getName() + "." + attribute;
        ErasureStrategy strategy = data.erasure();
        Class<?> javaType = entity.getAttribute(attribute).getJavaType();
        List<Message> problems = new ArrayList<>();
        boolean replaces = strategy == ErasureStrategy.ANONYMIZE || strategy == ErasureStrategy.PSEUDONYMIZE;
        if (!data.replacement().isEmpty() && !(replaces && javaType == String.class)) {
            problems.add(JpaMessages.replacementUnused(location, strategy.name()));
        }
        if (strategy == ErasureStrategy.NULLIFY && !javaType.isPrimitive()) {
            // a primitive is sdk-core's to report (CUSTOS-01017)
            notNull(entity, attribute, javaType, database).ifPresent(
                    c -> problems.add(JpaMessages.nullifyForbidden(location, strategy.name(), attribute, c)));
        }
        if (strategy == ErasureStrategy.ANONYMIZE) {
            replaced(entity, attribute, javaType, location, PlainValue.ANONYMOUS, database, problems);
        }
        if (strategy == ErasureStrategy.PSEUDONYMIZE && javaType == String.class) {
            replaced(entity, attribute, javaType, location, PlainValue.PSEUDONYM, database, problems);
        }
        for (String copy : ColumnRules.copiesOf(type, attribute)) {
            Class<?> copyType;
            try {
                copyType = entity.getAttribute(copy).getJavaType();
            } catch (IllegalArgumentException e) {
                continue; // not persistent: reported by discovery
            }
            if (strategy == ErasureStrategy.NULLIFY || strategy == ErasureStrategy.CRYPTO_SHRED) {
                notNull(entity, copy, copyType, database).ifPresent(c -> problems.add(
                        JpaMessages.nullifyForbidden(location, strategy.name(), "its derived copy " + copy, c)));
            } else if (replaces) {
                replaced(entity, copy, copyType, type.getName() + "." + copy, PlainValue.ANONYMOUS, database,
                        problems);
            }
        }
        return problems;
    }

    /** The plain length of what is written where the column sets no rule. */
    private enum PlainValue {
        ANONYMOUS(10), PSEUDONYM(ErasedValues.PSEUDONYM_LENGTH);

        final int length;

        PlainValue(int length) {
            this.length = length;
        }
    }

    /** The constraint that forbids null in the column, from the mapping or else the database; empty if none. */
    private static Optional<String> notNull(EntityType<?> entity, String attribute, Class<?> javaType,
                                            DatabaseColumns database) {
        ColumnRules rules = ColumnRules.of(entity.getJavaType(), attribute, javaType);
        if (rules.notNull().isPresent()) {
            return rules.notNull();
        }
        return database.column(table(entity), rules.column()).filter(DatabaseColumns.Column::notNull)
                .map(c -> "NOT NULL of the database's column " + c.name());
    }

    /** Checks a value ANONYMIZE or PSEUDONYMIZE writes in place of the attribute's. */
    private static void replaced(EntityType<?> entity, String attribute, Class<?> javaType, String location,
                                 PlainValue plain, DatabaseColumns database, List<Message> problems) {
        ColumnRules rules = ColumnRules.of(entity.getJavaType(), attribute, javaType);
        Optional<DatabaseColumns.Column> column = database.column(table(entity), rules.column());
        if (column.isPresent() && column.get().uniqueIndex().isPresent() && rules.unique().isEmpty()) {
            problems.add(JpaMessages.databaseUniqueUndeclared(location, column.get().name(),
                    column.get().uniqueIndex().get()));
        }
        if (javaType != String.class) {
            if (rules.unique().isPresent() && javaType != UUID.class && plain == PlainValue.ANONYMOUS) {
                problems.add(JpaMessages.uniqueFixedValue(location, javaType.getSimpleName(), rules.unique().get()));
            }
            return;
        }
        int size = column.map(DatabaseColumns.Column::textSize).orElse(0);
        if (size > 0 && size < rules.maxLength()) {
            problems.add(JpaMessages.databaseColumnShorter(location, column.get().name(), Integer.toString(size),
                    Integer.toString(rules.maxLength())));
        }
        boolean shaped = plain == PlainValue.PSEUDONYM ? rules.textShaped(plain.length)
                : rules.shaped(plain.length);
        if (shaped && rules.text().isEmpty()) {
            problems.add(rules.replacement().isEmpty() ? JpaMessages.noDerivableValue(location, rules.textConstraints())
                    : JpaMessages.replacementRefused(location, rules.textConstraints()));
        }
    }

    /** The entity's table: its (or a superclass's) {@code @Table(name)}, else the entity's name. */
    static String table(EntityType<?> entity) {
        for (Class<?> c = entity.getJavaType(); c != null && c != Object.class; c = c.getSuperclass()) {
            Table table = c.getAnnotation(Table.class);
            if (table != null && !table.name().isEmpty()) {
                return table.name();
            }
        }
        return entity.getName();
    }
}
