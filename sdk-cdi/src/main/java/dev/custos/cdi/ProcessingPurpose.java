// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The purpose of the work inside the annotated bean or method, such as {@code "treatment"}. Reads of
 * consent-based personal data are permitted only under a purpose the data subject consented to; with no
 * purpose in effect they are refused. Works on CDI beans and on session beans ({@code @Stateless}).
 * <p>
 * A method's annotation wins over its class's. Purposes nest: a method with a purpose called from another
 * runs under its own purpose, and the caller's purpose applies again when it returns. The caller (for audit
 * records and access policies) comes from Jakarta Security's {@code SecurityContext} (the servlet request's user
 * where the server offers none), or from a {@link dev.custos.jpa.access.CallerSource} bean of the application's.
 * <pre>{@code
 * @ApplicationScoped
 * @ProcessingPurpose("treatment")
 * public class JournalService {
 *     @Inject EntityManager em;
 *     public JournalEntry read(long id) { return em.find(JournalEntry.class, id); }
 * }
 * }</pre>
 */
@InterceptorBinding
@Inherited
@Documented
@Target({TYPE, METHOD})
@Retention(RUNTIME)
public @interface ProcessingPurpose {

    /** The purpose, as {@code @PersonalData(purpose = ...)} and the consent ledger name it. */
    @Nonbinding
    String value();
}
