// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

/**
 * Where the caller of the current work comes from when no {@link ProcessingContext} scope names one. The
 * default knows no caller ({@link Caller#UNAUTHENTICATED}); the CDI module reads Jakarta Security's
 * {@code SecurityContext}. Implementations must be thread-safe and cheap: they run on every audited access.
 */
@FunctionalInterface
public interface CallerSource {

    CallerSource NONE = () -> Caller.UNAUTHENTICATED;

    /** The caller of the work on this thread; never null. */
    Caller current();
}
