// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.batch;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import java.util.List;

/**
 * Adds the sweep job's artifacts as beans, named as the job XML refers to them. Called only when
 * {@link SweepJob#available()}: the artifacts implement Jakarta Batch's interfaces and carry no bean-defining
 * annotation, so discovery never loads them on a server without it.
 */
public final class BatchArtifacts {

    private BatchArtifacts() {
    }

    public static void register(BeforeBeanDiscovery event, BeanManager beans) {
        for (Class<?> type : List.of(SweepPartitions.class, SweepReader.class, SweepWriter.class,
                SweepCollector.class, SweepAnalyzer.class, SweepJobListener.class, AuditKeysBatchlet.class)) {
            event.addAnnotatedType(beans.createAnnotatedType(type), type.getName());
        }
    }
}
