// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: Bean Validation of entities with masked attributes, for both providers. Not API.
 */
package dev.custos.jpa.internal.validation;
