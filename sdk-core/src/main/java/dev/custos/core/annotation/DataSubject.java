// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.annotation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks the attribute that says whose personal data a row is: either a basic attribute holding the
 * subject's identifier ({@code @DataSubject String patientId}) or a to-one relation to the entity that
 * represents the person ({@code @DataSubject @ManyToOne Patient patient}), whose identifier is used.
 * Every entity with {@link PersonalData} fields needs exactly one.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD})
public @interface DataSubject {

    /**
     * The category of data subjects, as it appears in the record of processing activities
     * (GDPR Art. 30(1)(c)), for example {@code "patient"} or {@code "job applicant"}. Defaults to the
     * entity's name.
     */
    String category() default "";
}
