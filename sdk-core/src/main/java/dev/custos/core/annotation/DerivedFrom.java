// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.annotation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks an attribute that holds a copy derived from personal-data fields of the same entity, such as a
 * cached full name or a search column. It is erased whenever any of its sources is erased, so that no
 * copy outlives the original.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD})
public @interface DerivedFrom {

    /** The names of the {@link PersonalData} attributes it is derived from. */
    String[] value();
}
