// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.metadata;

import dev.custos.core.Message;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Optional;

/**
 * A check that an integration (the JPA layer, say) adds to {@link ModelReader}: it is called for every
 * attribute that carries a Custos annotation, and its problems are reported together with the reader's
 * own, so that one deployment still shows everything to fix. Implementations must be stateless or
 * confined to one read.
 */
@FunctionalInterface
public interface MemberCheck {

    /** A check that finds nothing. */
    MemberCheck NONE = (type, attribute, annotation) -> Optional.empty();

    /**
     * @param type       the entity class being read
     * @param attribute  the attribute's name
     * @param annotation the Custos annotation it carries ({@code PersonalData.class}, {@code DataSubject.class},
     *                   {@code RetentionAnchor.class} or {@code DerivedFrom.class})
     * @return a problem, if there is one
     */
    Optional<Message> check(Class<?> type, String attribute, Class<? extends Annotation> annotation);

    /**
     * Every problem of the attribute, for checks that can find several; the reader calls this one. By default
     * the problem of {@link #check}, if any.
     */
    default List<Message> checkAll(Class<?> type, String attribute, Class<? extends Annotation> annotation) {
        return check(type, attribute, annotation).stream().toList();
    }
}
