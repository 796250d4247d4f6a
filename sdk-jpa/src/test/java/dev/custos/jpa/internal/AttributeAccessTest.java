// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.internal.loader.Lodger;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: the handles to an application's entity classes do not keep its class loader once the application is
 * gone (a redeployment), as handles in a static map keyed by class name did.
 */
class AttributeAccessTest {

    @Test
    void readsAndWritesThroughTheField() {
        Lodger lodger = new Lodger();
        AttributeAccess.set(lodger, "name", "guest");
        assertThat(AttributeAccess.get(lodger, "name")).isEqualTo("guest");
    }

    @Test
    void theClassLoaderOfAClassReadIsReleased() throws Exception {
        WeakReference<ClassLoader> released = readThroughThrowawayLoader();
        for (int i = 0; i < 100 && released.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(released.get()).as("the throwaway class loader was collected").isNull();
    }

    private static WeakReference<ClassLoader> readThroughThrowawayLoader() throws Exception {
        URL classes = Lodger.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = loader.loadClass(Lodger.class.getName());
            assertThat(type).isNotSameAs(Lodger.class);
            Object lodger = type.getConstructor().newInstance();
            assertThat(AttributeAccess.get(lodger, "name")).isEqualTo("lodger");
            AttributeAccess.set(lodger, "name", "guest");
            assertThat(AttributeAccess.get(lodger, "name")).isEqualTo("guest");
            return new WeakReference<>(loader);
        }
    }
}
