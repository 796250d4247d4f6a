// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the retention sweep as the Jakarta Batch job {@code custos-retention-sweep} (its XML ships in
 * {@code META-INF/batch-jobs}). The artifacts only delegate to sdk-jpa's {@code SweepBatches}, one sweep batch per
 * chunk item; they are registered as beans only when the server provides Jakarta Batch, so nothing here is loaded
 * on a server without it. Not an API.
 */
package dev.custos.cdi.internal.batch;
