// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.jpa.CustosSettings;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where the server's settings come from under CDI: MicroProfile Config when the server has it (so they can come
 * from microprofile-config.properties, environment variables or server.xml variables), else system properties.
 * Only a source: which settings exist, their defaults and how each is parsed and validated is sdk-jpa's registry
 * ({@link dev.custos.jpa.CustosSetting}, read through {@link CustosSettings}).
 */
public final class CustosConfig implements CustosSettings.Source {

    private final Function<String, Optional<String>> source;
    private final Supplier<Iterable<String>> names;

    CustosConfig(Function<String, Optional<String>> source, Supplier<Iterable<String>> names) {
        this.source = source;
        this.names = names;
    }

    /** The settings of the running application: MicroProfile Config if present, else system properties. */
    public static CustosConfig current() {
        return microProfileConfigPresent() ? new CustosConfig(MicroProfile::value, MicroProfile::names)
                : new CustosConfig(key -> Optional.ofNullable(System.getProperty(key)),
                        () -> System.getProperties().stringPropertyNames());
    }

    @Override
    public Optional<String> value(String key) {
        return source.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    /**
     * Every setting whose key starts with {@code prefix}, by the rest of the key: from MicroProfile Config's property
     * names when the server has it, else from the system properties.
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> values = new TreeMap<>();
        for (String name : names.get()) {
            if (name.startsWith(prefix)) {
                value(name).ifPresent(value -> values.put(name.substring(prefix.length()), value));
            }
        }
        return values;
    }

    private static boolean microProfileConfigPresent() {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false,
                    CustosConfig.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Kept apart so that MicroProfile Config's classes load only when the server has them. */
    private static final class MicroProfile {
        static Iterable<String> names() {
            try {
                return org.eclipse.microprofile.config.ConfigProvider.getConfig().getPropertyNames();
            } catch (IllegalStateException noConfigForThisApplication) {
                return System.getProperties().stringPropertyNames();
            }
        }

        static Optional<String> value(String key) {
            try {
                return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(key, String.class);
            } catch (IllegalStateException noConfigForThisApplication) {
                return Optional.ofNullable(System.getProperty(key));
            }
        }
    }
}
