// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the EclipseLink adapter. Loaded only when EclipseLink is the provider. Not API.
 */
package dev.custos.jpa.internal.eclipselink;
