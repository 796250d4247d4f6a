// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.annotation.DerivedFrom;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What an attribute's column and its Bean Validation constraints allow, as the entity class declares them:
 * {@code @Column}, {@code @Basic}, {@code @Id}, {@code @Table(uniqueConstraints)}, a primitive type, and
 * {@code @NotNull}, {@code @NotEmpty}, {@code @NotBlank}, {@code @Size}, {@code @Email} and {@code @Pattern}.
 * Bean Validation is read by annotation type name, so Custos needs no Bean Validation jar. Erasure derives its
 * values from these rules, and the deployment check ({@link ErasureConstraints}) compares the strategy with them
 * and with the database. Immutable; {@link #of} caches per class and attribute (in a {@link ClassValue}, which
 * keeps no application class from being unloaded).
 *
 * @param column      the column's name as mapped (its {@code @Column(name)}, else the attribute's name)
 * @param notNull     the constraint that forbids null, such as {@code @Column(nullable = false)}; empty if none
 * @param unique      the constraint that makes the column unique; empty if none
 * @param minLength   the shortest text allowed ({@code @Size(min)}, {@code @NotEmpty}, {@code @NotBlank}); 0 if any
 * @param maxLength   the longest text allowed: the column length (255 by default) or {@code @Size(max)}, if less
 * @param email       whether the value must have an e-mail's shape ({@code @Email})
 * @param patterns    the regular expressions the whole value must match ({@code @Pattern}, {@code @Email(regexp)})
 * @param replacement the {@code @PersonalData(replacement)} template; empty if none
 * @param text        the text ANONYMIZE and PSEUDONYMIZE build where these rules constrain it
 *                    ({@link ReplacementText#derive}); empty when no candidate satisfies them, and for a column
 *                    whose rules shape neither value ({@link #shaped}), where it is never asked for
 */
record ColumnRules(String column, Optional<String> notNull, Optional<String> unique, int minLength, int maxLength,
                   boolean email, List<Pattern> patterns, String replacement, Optional<ReplacementText> text) {

    /** The length JPA gives a text column without {@code @Column(length)}. */
    static final int DEFAULT_LENGTH = 255;

    private static final String BV = "jakarta.validation.constraints.";
    private static final ClassValue<Map<String, ColumnRules>> CACHE = new ClassValue<>() {
        @Override
        protected Map<String, ColumnRules> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    ColumnRules {
        patterns = List.copyOf(patterns);
    }

    /** Whether a text value must be derived to fit (anything beyond a plain, non-unique, long enough column). */
    boolean shaped(int plainLength) {
        return unique.isPresent() || textShaped(plainLength);
    }

    /** As {@link #shaped}, uniqueness aside: whether a plain text of that length breaks a rule of the text. */
    boolean textShaped(int plainLength) {
        return email || !patterns.isEmpty() || minLength > 0 || !replacement.isEmpty() || maxLength < plainLength;
    }

    /** The text constraints, as a message names them. */
    String textConstraints() {
        List<String> parts = new ArrayList<>();
        unique.ifPresent(parts::add);
        if (email) {
            parts.add("@Email");
        }
        patterns.forEach(p -> parts.add("@Pattern(regexp = \"" + p.pattern() + "\")"));
        if (minLength > 0) {
            parts.add("at least " + minLength + " characters");
        }
        parts.add("at most " + maxLength + " characters");
        return String.join(", ", parts);
    }

    /** The rules of {@code attribute} of {@code entity}, of Java type {@code type}. */
    static ColumnRules of(Class<?> entity, String attribute, Class<?> type) {
        return CACHE.get(entity).computeIfAbsent(attribute, a -> read(entity, a, type));
    }

    /** The attributes of {@code entity} marked {@code @DerivedFrom} {@code source}. */
    static List<String> copiesOf(Class<?> entity, String source) {
        List<String> copies = new ArrayList<>();
        for (Class<?> c = entity; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                DerivedFrom from = field.getAnnotation(DerivedFrom.class);
                if (from != null && List.of(from.value()).contains(source)) {
                    copies.add(field.getName());
                }
            }
            for (Method method : c.getDeclaredMethods()) {
                DerivedFrom from = method.getAnnotation(DerivedFrom.class);
                String property = property(method.getName());
                if (from != null && property != null && List.of(from.value()).contains(source)) {
                    copies.add(property);
                }
            }
        }
        return copies;
    }

    /** The annotation on the attribute's field or getter, or null. */
    static <A extends Annotation> A annotation(Class<?> entity, String attribute, Class<A> type) {
        return first(elements(entity, attribute), type);
    }

    private static <A extends Annotation> A first(List<AnnotatedElement> elements, Class<A> type) {
        for (AnnotatedElement element : elements) {
            A found = element.getAnnotation(type);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static ColumnRules read(Class<?> entity, String attribute, Class<?> type) {
        String column = attribute;
        Optional<String> notNull = type.isPrimitive() ? Optional.of("its primitive type " + type.getName())
                : Optional.empty();
        Optional<String> unique = Optional.empty();
        int min = 0;
        int max = type == String.class ? DEFAULT_LENGTH : Integer.MAX_VALUE;
        boolean email = false;
        List<Pattern> patterns = new ArrayList<>();
        List<Annotation> annotations = new ArrayList<>();
        List<AnnotatedElement> members = elements(entity, attribute);
        members.forEach(e -> annotations.addAll(unpacked(e.getAnnotations())));
        for (Annotation a : annotations) {
            if (a instanceof Column c) {
                column = c.name().isEmpty() ? column : c.name();
                notNull = c.nullable() ? notNull : Optional.of("@Column(nullable = false)");
                unique = c.unique() ? Optional.of("@Column(unique = true)") : unique;
                max = type == String.class ? Math.min(max, c.length()) : max;
            } else if (a instanceof Basic b && !b.optional()) {
                notNull = Optional.of("@Basic(optional = false)");
            } else if (a instanceof Id) {
                notNull = Optional.of("@Id");
                unique = Optional.of("@Id");
            }
        }
        for (Annotation a : annotations) {
            String name = a.annotationType().getName();
            if (name.equals(BV + "NotNull") || name.equals(BV + "NotEmpty") || name.equals(BV + "NotBlank")) {
                notNull = Optional.of("@" + a.annotationType().getSimpleName());
                min = Math.max(min, name.endsWith("NotNull") ? 0 : 1);
            } else if (name.equals(BV + "Size") || name.equals("org.hibernate.validator.constraints.Length")) {
                min = Math.max(min, (Integer) value(a, "min"));
                max = Math.min(max, (Integer) value(a, "max"));
            } else if (name.equals(BV + "Email")) {
                email = true;
                String regexp = (String) value(a, "regexp");
                if (!regexp.equals(".*")) {
                    patterns.add(Pattern.compile(regexp, flags(a)));
                }
            } else if (name.equals(BV + "Pattern")) {
                patterns.add(Pattern.compile((String) value(a, "regexp"), flags(a)));
            }
        }
        Table table = entity.getAnnotation(Table.class);
        if (unique.isEmpty() && table != null) {
            for (UniqueConstraint constraint : table.uniqueConstraints()) {
                for (String name : constraint.columnNames()) {
                    if (name.equalsIgnoreCase(column)) {
                        unique = Optional.of("@Table(uniqueConstraints = " + String.join("+",
                                constraint.columnNames()) + ")");
                    }
                }
            }
        }
        PersonalData data = first(members, PersonalData.class);
        ColumnRules rules = new ColumnRules(column, notNull, unique, min, max, email, patterns,
                data == null ? "" : data.replacement(), Optional.empty());
        return new ColumnRules(column, notNull, unique, min, max, email, patterns, rules.replacement(),
                // derived only where a value must be shaped (the longer plain value is the pseudonym): most text
                // columns need none, and deriving tries digests of many candidates at every start
                type == String.class && rules.shaped(ErasedValues.PSEUDONYM_LENGTH) ? ReplacementText.derive(rules)
                        : Optional.empty());
    }

    /** Annotations with repeated ones ({@code @Pattern.List}) taken out of their container. */
    private static List<Annotation> unpacked(Annotation[] annotations) {
        List<Annotation> all = new ArrayList<>();
        for (Annotation a : annotations) {
            all.add(a);
            if (a.annotationType().getName().startsWith(BV) && a.annotationType().getName().endsWith("$List")
                    && value(a, "value") instanceof Annotation[] repeated) {
                all.addAll(List.of(repeated));
            }
        }
        return all;
    }

    private static Object value(Annotation annotation, String element) {
        try {
            return annotation.annotationType().getMethod(element).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(annotation.annotationType().getName() + " has no " + element + "()", e);
        }
    }

    /** The {@code java.util.regex} flags of a Bean Validation {@code flags()} element. */
    private static int flags(Annotation annotation) {
        int flags = 0;
        for (Object flag : (Object[]) value(annotation, "flags")) {
            try {
                flags |= (Integer) flag.getClass().getMethod("getValue").invoke(flag);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("a Pattern.Flag without getValue()", e);
            }
        }
        return flags;
    }

    /**
     * The attribute's field and getter, where they exist, nearest class first. Found by listing the declared
     * members rather than asking for each name: a missing one would throw, and at start every annotated attribute
     * is looked up on every class of its hierarchy (the exceptions doubled the discovery of 500 entities).
     */
    private static List<AnnotatedElement> elements(Class<?> entity, String attribute) {
        List<AnnotatedElement> elements = new ArrayList<>();
        String suffix = attribute.substring(0, 1).toUpperCase(Locale.ROOT) + attribute.substring(1);
        List<String> getters = List.of("get" + suffix, "is" + suffix, "get" + attribute);
        for (Class<?> c = entity; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(attribute)) {
                    elements.add(field);
                }
            }
            Method[] methods = c.getDeclaredMethods();
            for (String getter : getters) {
                for (Method method : methods) {
                    if (method.getParameterCount() == 0 && !method.isBridge() && method.getName().equals(getter)) {
                        elements.add(method);
                    }
                }
            }
        }
        return elements;
    }

    private static String property(String method) {
        String name = method.startsWith("get") ? method.substring(3) : method.startsWith("is") ? method.substring(2)
                : "";
        return name.isEmpty() ? null : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
