// SPDX-License-Identifier: Apache-2.0
/**
 * Public API of Custos' core: messages with stable ids and the exceptions that carry them.
 * <p>
 * Sub-packages hold the annotations, the taxonomy, policy packs and the engines. Everything under
 * {@code dev.custos.core.internal} is private to Custos and may change without notice.
 */
package dev.custos.core;
