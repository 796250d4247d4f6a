// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.annotation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.custos.core.gdpr.DataCategory;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.gdpr.SpecialCategoryCondition;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a persistent field (or its getter, with property access) as personal data.
 * <pre>{@code
 * @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
 *               retention = "policy:journal", purpose = "treatment")
 * String note;
 * }</pre>
 * The entity must also name whose data it is with {@link DataSubject}, and, for retention periods
 * that run from an event, the field that records the event with {@link RetentionAnchor}.
 * Mistakes (a malformed retention, a consent basis without a purpose, special-category data without an
 * Art. 9(2) condition) are reported when the persistence unit starts, all at once.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD})
public @interface PersonalData {

    /** What kind of personal data the field holds. */
    DataCategory category();

    /** The GDPR Art. 6(1) basis for processing it. */
    LegalBasis basis();

    /**
     * The GDPR Art. 9(2) condition for processing it. Required for the special categories of Art. 9(1)
     * ({@link DataCategory#special()}), and must stay {@link SpecialCategoryCondition#NONE} otherwise.
     */
    SpecialCategoryCondition condition() default SpecialCategoryCondition.NONE;

    /**
     * How long the value is kept. One of:
     * <ul>
     * <li>an ISO-8601 period counted from the entity's {@link RetentionAnchor}: {@code "P5Y"}, {@code "P3M"},
     * {@code "P1Y6M"}, {@code "P30D"};</li>
     * <li>a period counted from a named anchor event: {@code "P1Y after last-purchase"};</li>
     * <li>a period counted from the end of the fiscal year that holds the anchor:
     * {@code "P5Y after fiscal-year-end"}, or {@code "P5Y after fiscal-year-end of invoice-date"} to name the
     * anchor when the entity has several;</li>
     * <li>{@code "until-consent-withdrawn"}: kept while consent for the field's purposes stands;</li>
     * <li>a rule of the active policy pack: {@code "policy:journal"}, so the same model runs under
     * different jurisdictions; {@code "policy:bookkeeping of invoice-date"} runs it from the named clock.</li>
     * </ul>
     * An event names a {@link RetentionAnchor} or a {@link DerivedClock} of the entity. A period may end in
     * {@code at next --01-31} (or {@code at next <pack setting>}) to move the due date to the next such day of the
     * year: {@code "P3Y after last-visit at next --01-31"}. See {@code RetentionSpec} for the whole grammar.
     */
    String retention();

    /**
     * The purposes the value is processed for, such as {@code "treatment"} or {@code "newsletter"}.
     * Required when the basis is {@link LegalBasis#CONSENT} or the condition is explicit consent: consent
     * is always given for a purpose, and reads are permitted only under a purpose the subject consented to.
     */
    String[] purpose() default {};

    /** How the value is erased when its retention ends or an erasure request is granted. */
    ErasureStrategy erasure() default ErasureStrategy.NULLIFY;

    /**
     * The text ANONYMIZE and PSEUDONYMIZE write instead of the value they derive, for a {@code String} attribute
     * whose {@code @Pattern} no derived value matches. {@code {token}} in it is replaced by a token derived from
     * the row's id (ANONYMIZE) or the keyed pseudonym (PSEUDONYMIZE), which a unique column needs, for example
     * {@code "X-{token}"}. The result must satisfy the attribute's constraints; that is checked when the
     * persistence unit starts. Empty (the default): Custos derives the value.
     */
    String replacement() default "";

    /** Whether the data subject provided the value (which makes it portable under GDPR Art. 20). */
    boolean providedBySubject() default false;

    /** Whether the value is processed for direct marketing, against which an objection is absolute. */
    boolean directMarketing() default false;

    /** What a read does when consent or the caller's right is missing: refuse the read, or mask the value. */
    DeniedAccess whenDenied() default DeniedAccess.REFUSE;
}
