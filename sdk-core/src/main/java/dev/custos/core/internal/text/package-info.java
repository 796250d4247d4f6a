// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: text helpers for messages (the nearest valid name for a misspelt one). Not API.
 */
package dev.custos.core.internal.text;
