// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the JPA layer's implementation. Not API.
 */
package dev.custos.jpa.internal;
