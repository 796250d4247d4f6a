// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import dev.custos.core.metadata.DataModel;
import dev.custos.core.metadata.ModelReader;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyPacks;
import dev.custos.jpa.internal.MetamodelDiscovery;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One deployment scan, the first in this JVM (started by {@link ScanBenchmark}, with the generated entities on
 * the class path). Mode {@code reader}: loads the 500 classes (untimed), then times {@code ModelReader.read};
 * mode {@code eclipselink} or {@code hibernate}: boots a factory of the 500 entities on an empty Derby database in
 * memory (untimed, printed as {@code provider_boot_ms}), then times {@code MetamodelDiscovery.discover}, as
 * {@code CustosJpa.start} runs it. Prints {@code SCAN scan_ms=... key=value...}.
 */
public final class ScanOnce {

    private ScanOnce() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        long packStart = System.nanoTime();
        PolicyPack pack = PolicyPacks.load("dk");
        double packMs = Harness.ms(System.nanoTime() - packStart);
        if (mode.equals("reader")) {
            List<Class<?>> classes = new ArrayList<>();
            long loadStart = System.nanoTime();
            for (int i = 0; i < ScanBenchmark.ENTITIES; i++) {
                classes.add(Class.forName(ScanBenchmark.PACKAGE + "." + ScanBenchmark.className(i), false,
                        ScanOnce.class.getClassLoader()));
            }
            double loadMs = Harness.ms(System.nanoTime() - loadStart);
            DataModel[] model = new DataModel[1];
            double scan = Harness.ms(Harness.time(() -> model[0] = ModelReader.read(classes, pack)));
            check(model[0].entities().size());
            double warm = Double.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                warm = Math.min(warm, Harness.ms(Harness.time(() -> ModelReader.read(classes, pack))));
            }
            System.out.printf(Locale.ROOT, "SCAN scan_ms=%.3f warm_scan_ms=%.3f pack_load_ms=%.3f class_load_ms=%.3f%n",
                    scan, warm, packMs, loadMs);
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.jdbc.url", "jdbc:derby:memory:scan;create=true");
        properties.put("jakarta.persistence.jdbc.driver", "org.apache.derby.jdbc.EmbeddedDriver");
        properties.put("jakarta.persistence.schema-generation.database.action", "none");
        long bootStart = System.nanoTime();
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("scan-" + mode, properties);
        emf.getMetamodel();
        double bootMs = Harness.ms(System.nanoTime() - bootStart);
        try {
            MetamodelDiscovery.Discovered[] found = new MetamodelDiscovery.Discovered[1];
            double scan = Harness.ms(Harness.time(() -> found[0] = MetamodelDiscovery.discover(emf.getMetamodel(),
                    pack)));
            check(found[0].model().entities().size());
            System.out.printf(Locale.ROOT, "SCAN scan_ms=%.3f provider_boot_ms=%.1f pack_load_ms=%.3f%n", scan, bootMs,
                    packMs);
        } finally {
            emf.close();
        }
    }

    private static void check(int entities) {
        if (entities != ScanBenchmark.ENTITIES) {
            throw new IllegalStateException("the model has " + entities + " entities, expected "
                    + ScanBenchmark.ENTITIES);
        }
    }
}
