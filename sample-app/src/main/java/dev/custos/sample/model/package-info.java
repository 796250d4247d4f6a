// SPDX-License-Identifier: Apache-2.0
/**
 * The clinics' domain model, annotated for Custos. The shared classes (clients, journals, newsletter, invoices) are
 * listed in both persistence units, so one model runs under the Danish and the Norwegian pack; the rest belong to
 * the clinic whose pack has a rule for them.
 */
package dev.custos.sample.model;
