// SPDX-License-Identifier: Apache-2.0
/** Public API: recording and checking consent for a persistence unit. */
package dev.custos.jpa.consent;
