// SPDX-License-Identifier: Apache-2.0
/** What only the Danish clinic keeps, under the rules of the Danish pack ({@code dk}). */
package dev.custos.sample.model.dk;
