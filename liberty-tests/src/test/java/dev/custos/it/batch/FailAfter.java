// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Test-only failure hook of custos-retention-sweep-failing.xml (the shipped job plus this processor): in the
 * partition of entity {@code failEntity}, throws on item {@code failAt} (a sweep batch the reader already
 * committed), so the chunk is rolled back past the last checkpoint and the job fails mid-chunk. 0: never.
 */
@Named("custosTestFailAfter")
@Dependent
public class FailAfter implements ItemProcessor {

    @Inject
    @BatchProperty
    String failEntity;

    @Inject
    @BatchProperty
    String failAt;

    @Inject
    @BatchProperty
    String entity;

    private int items;

    @Override
    public Object processItem(Object item) {
        items++;
        if (entity.equals(failEntity) && failAt != null && !failAt.isBlank() && items == Integer.parseInt(failAt)) {
            throw new IllegalStateException("test failure at item " + items + " of " + entity);
        }
        return item;
    }
}
