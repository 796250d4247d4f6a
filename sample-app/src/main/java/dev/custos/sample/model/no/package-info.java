// SPDX-License-Identifier: Apache-2.0
/** What only the Norwegian clinic keeps, under the rules of the Norwegian pack ({@code no}). */
package dev.custos.sample.model.no;
