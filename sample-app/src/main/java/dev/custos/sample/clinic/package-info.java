// SPDX-License-Identifier: Apache-2.0
/**
 * The two clinics and what they share: their persistence units, the demo clock and the demo data. Each clinic is a
 * persistence unit with a database and a policy pack of its own; Custos protects both.
 */
package dev.custos.sample.clinic;
