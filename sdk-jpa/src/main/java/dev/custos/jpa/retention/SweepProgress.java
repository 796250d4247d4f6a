// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

/**
 * What one committed batch of a sweep did, for progress reporting. Immutable.
 *
 * @param entity     the entity swept, for example {@code JournalEntry}
 * @param ruleId     the retention rule of the attributes swept
 * @param batch      the batch number within this entity and rule, from 1
 * @param candidates the rows read as candidates
 * @param erased     the rows erased (in a dry run: that would be erased)
 * @param kept       the rows kept (not due, held, for review, undetermined, erased before, or no longer due
 *                   when re-checked just before the erasure)
 */
public record SweepProgress(String entity, String ruleId, int batch, int candidates, int erased, int kept) {
}
