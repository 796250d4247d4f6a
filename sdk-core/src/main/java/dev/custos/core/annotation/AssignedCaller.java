// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.annotation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks the attribute holding the name of the caller a record is assigned to, such as the treating clinician
 * of a journal entry. Where the active pack keeps an attribute under a rule with
 * {@code access="assigned-caller"} (the Norwegian journal, helsepersonelloven § 21a), only that caller reads or
 * changes the record; everyone else is refused and the refusal audited. The attribute must be a
 * {@code String} compared with the caller's name as Jakarta Security reports it.
 * <pre>{@code
 * @AssignedCaller
 * private String clinician;
 * }</pre>
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD})
public @interface AssignedCaller {
}
