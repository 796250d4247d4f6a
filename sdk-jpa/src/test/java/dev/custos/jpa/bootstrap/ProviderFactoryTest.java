// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * What sdk-cdi asks sdk-jpa to find a provider's own factory behind a server's wrapper or a CDI proxy: the
 * provider's factory is recognised, a wrapper is not, and the provider's factory unwraps to one of the interfaces
 * named, which is how a wrapper is opened.
 */
class ProviderFactoryTest {

    @ProviderMatrix
    void theProvidersOwnFactoryIsRecognisedAndUnwrapsToANamedInterface(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk"));
            try {
                assertThat(CustosRuntime.isProviderFactory(emf)).isTrue();
                EntityManagerFactory wrapper = (EntityManagerFactory) Proxy.newProxyInstance(
                        getClass().getClassLoader(), new Class<?>[] {EntityManagerFactory.class},
                        (proxy, method, args) -> method.invoke(emf, args));
                assertThat(CustosRuntime.isProviderFactory(wrapper)).isFalse();

                long unwrapping = CustosRuntime.providerFactoryInterfaces().stream().filter(name -> {
                    try {
                        return Class.forName(name).isInstance(emf.unwrap(Class.forName(name)));
                    } catch (ClassNotFoundException | RuntimeException notThisProvider) {
                        return false;
                    }
                }).count();
                assertThat(unwrapping).isEqualTo(1);
            } finally {
                emf.close();
            }
        }
    }
}
