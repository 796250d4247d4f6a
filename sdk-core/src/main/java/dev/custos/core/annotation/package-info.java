// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: the annotations developers put on their JPA entities.
 */
package dev.custos.core.annotation;
