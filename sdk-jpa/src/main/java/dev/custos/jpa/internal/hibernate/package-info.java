// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the Hibernate ORM adapter. Loaded only when Hibernate is the provider. Not API.
 */
package dev.custos.jpa.internal.hibernate;
