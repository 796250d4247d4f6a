// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

/**
 * Decides whether a caller may read or write an annotated entity, beyond consent: by role (an auditor
 * reads but changes nothing), or by relationship (only the treating clinician reads a journal). Every policy
 * must permit; the first denial refuses the access and is audited. A policy that throws denies: Custos
 * fails closed.
 * <p>
 * Policies run on every load and write of an annotated entity, inside the provider's hooks: keep them fast
 * and do not use an entity manager in them. In Jakarta EE, policies are CDI beans; in Java SE, pass them to
 * {@code CustosJpa.setup(...).accessPolicies(...)}.
 */
@FunctionalInterface
public interface AccessPolicy {

    AccessVerdict check(AccessCheck check);
}
