// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: the processing context (purpose and caller) and the exceptions of access control.
 */
package dev.custos.jpa.access;
