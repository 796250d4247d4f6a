// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: a dependency-free JSON writer. Not API.
 */
package dev.custos.core.internal.json;
