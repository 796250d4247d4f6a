// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.CustosException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a sweep runs. Immutable; start from {@link #defaults()} and change what you need.
 *
 * @param batchSize rows read, decided and erased per transaction, 1 to 100000; default
 *                  {@value #DEFAULT_BATCH_SIZE}. Memory use is proportional to it, not to the table.
 * @param dryRun    decide and count, but change nothing, log nothing and audit nothing; default false
 * @param listener  called after each committed batch (after each batch read, in a dry run), on the sweeping
 *                  thread; an exception it throws stops the sweep, with the batches before it committed
 */
public record SweepOptions(int batchSize, boolean dryRun, Consumer<SweepProgress> listener) {

    public static final int DEFAULT_BATCH_SIZE = 1000;
    /** The largest batch: one transaction must stay short enough not to block the application's writes. */
    public static final int MAX_BATCH_SIZE = 100_000;

    public SweepOptions {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new CustosException(SweepMessages.invalidBatchSize(Integer.toString(batchSize)));
        }
        Objects.requireNonNull(listener, "listener");
    }

    /** Batches of {@value #DEFAULT_BATCH_SIZE}, for real, without a listener. */
    public static SweepOptions defaults() {
        return new SweepOptions(DEFAULT_BATCH_SIZE, false, progress -> { });
    }

    public SweepOptions withBatchSize(int size) {
        return new SweepOptions(size, dryRun, listener);
    }

    public SweepOptions withDryRun(boolean dry) {
        return new SweepOptions(batchSize, dry, listener);
    }

    public SweepOptions withListener(Consumer<SweepProgress> progressListener) {
        return new SweepOptions(batchSize, dryRun, progressListener);
    }
}
