// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * How much the live heap grows while something runs: the heap in use right after each garbage collection during
 * the run (which holds only what survived it, so garbage is not counted), and after a full collection at the end,
 * against the heap in use after a full collection before it. An upper bound of the memory the work keeps alive at
 * once: objects promoted by a young collection and dropped before the next old one count too.
 */
final class HeapWatch {

    private final AtomicLong peakAfterGc = new AtomicLong();
    private final List<Runnable> unregister = new ArrayList<>();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(pool -> pool.getName()).collect(Collectors.toSet());
    private long before;
    private int collections;

    /** Collects fully, records the heap in use, and starts watching collections. */
    void start() throws InterruptedException {
        before = usedAfterFullGc();
        NotificationListener listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            long after = used;
            peakAfterGc.accumulateAndGet(after, Math::max);
            synchronized (this) {
                collections++;
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                unregister.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (Exception e) {
                        // already gone
                    }
                });
            }
        }
    }

    /** Stops watching; returns the growth in bytes: the larger of the peak seen and what is left, less the start. */
    Growth stop() throws InterruptedException {
        unregister.forEach(Runnable::run);
        long after = usedAfterFullGc();
        int seen;
        synchronized (this) {
            seen = collections;
        }
        return new Growth(Math.max(peakAfterGc.get(), after) - before, after - before, seen);
    }

    /** @param peak bytes; @param retained bytes still in use after the work; @param collections seen during it */
    record Growth(long peak, long retained, int collections) {
        double peakMb() {
            return peak / (1024.0 * 1024.0);
        }

        double retainedMb() {
            return retained / (1024.0 * 1024.0);
        }
    }

    private static long usedAfterFullGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
