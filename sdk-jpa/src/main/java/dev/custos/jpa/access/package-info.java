// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: the processing context (purpose and caller), clearing a masked attribute on purpose, and the
 * exceptions of access control.
 */
package dev.custos.jpa.access;
