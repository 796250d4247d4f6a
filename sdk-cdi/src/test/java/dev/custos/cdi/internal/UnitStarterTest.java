// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cdi.testing.LogCapture;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.logging.LogRecord;
import org.jboss.weld.proxy.WeldClientProxy;
import org.junit.jupiter.api.Test;

/** A client proxy Custos cannot open is said in the log, with an id and without the failure's message. */
class UnitStarterTest {

    @Test
    void aClientProxyThatCannotBeOpenedIsLoggedNotSwallowed() {
        List<LogRecord> records;
        try (LogCapture log = new LogCapture(UnitStarter.class.getName())) {
            EntityManagerFactory broken = (EntityManagerFactory) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {EntityManagerFactory.class, WeldClientProxy.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("getMetadata")) {
                            throw new IllegalStateException("patient Ada Lovelace is not here");
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            assertThat(UnitStarter.providerFactory(broken)).isSameAs(broken);
            records = log.records();
        }
        assertThat(records).filteredOn(r -> r.getMessage().startsWith("CUSTOS-05075")).singleElement()
                .satisfies(r -> {
                    assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                    assertThat(r.getMessage()).contains("(IllegalStateException)")
                            .doesNotContain("Ada");
                });
    }
}
