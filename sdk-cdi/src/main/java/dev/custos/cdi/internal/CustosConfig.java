// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.core.CustosException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The CDI layer's settings: from MicroProfile Config when the server has it (so they can come from
 * microprofile-config.properties, environment variables or server.xml variables), else from system
 * properties. A malformed value fails at start with the key and what was expected.
 */
public final class CustosConfig {

    /** Whether the scheduled sweep runs. */
    public static final String SWEEP_ENABLED = "custos.sweep.enabled";
    /** Time between the end of one scheduled sweep and the start of the next, ISO-8601 ({@code PT1H}). */
    public static final String SWEEP_INTERVAL = "custos.sweep.interval";
    /** Time from application start to the first scheduled sweep. */
    public static final String SWEEP_INITIAL_DELAY = "custos.sweep.initial-delay";
    /** Rows erased per transaction by the scheduled sweep. */
    public static final String SWEEP_BATCH_SIZE = "custos.sweep.batch-size";
    /**
     * Whether an operator confirmed the first scheduled sweep of a database Custos never swept; until then the
     * scheduled sweep there only reports.
     */
    public static final String SWEEP_CONFIRMED = "custos.sweep.confirmed";
    /** The role that listing and deciding erasure lines left for a person's decision requires. */
    public static final String DECIDER_ROLE = "custos.roles.decider";
    /** Whether the scheduled sweep only reports what it would erase. */
    public static final String SWEEP_DRY_RUN = "custos.sweep.dry-run";
    /** The policy pack, overriding the persistence unit's {@code custos.pack}. */
    public static final String PACK = "custos.pack";
    /** Roles whose callers read but never change personal data (comma-separated). */
    public static final String READ_ONLY_ROLES = "custos.roles.read-only";
    /**
     * Roles whose callers are refused every annotated attribute (comma-separated, or {@code none}); wins over the
     * persistence unit's property of the same key ({@code CustosSetting.NO_CONTENT_ROLES}, default
     * {@code custos-auditor}).
     */
    public static final String NO_CONTENT_ROLES = "custos.roles.no-content";
    /** The role that reading the audit trail through {@code AuditService} requires. */
    public static final String AUDITOR_ROLE = "custos.roles.auditor";
    /** Days before a request's deadline from which a {@code RequestDeadlineNear} event fires. */
    public static final String REQUEST_WARNING = "custos.requests.warn-before";

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

    /**
     * Every setting whose key starts with {@code prefix}, by the rest of the key: from MicroProfile Config's property
     * names when the server has it, else from the system properties.
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> values = new TreeMap<>();
        for (String name : names.get()) {
            if (name.startsWith(prefix)) {
                string(name).ifPresent(value -> values.put(name.substring(prefix.length()), value));
            }
        }
        return values;
    }

    public Optional<String> string(String key) {
        return source.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public boolean bool(String key, boolean fallback) {
        return string(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, v, "true or false");
        }).orElse(fallback);
    }

    public int positiveInt(String key, int fallback) {
        return string(key).map(v -> {
            try {
                int value = Integer.parseInt(v);
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw invalid(key, v, "a whole number above 0");
        }).orElse(fallback);
    }

    public Duration duration(String key, Duration fallback) {
        return string(key).map(v -> {
            try {
                Duration value = Duration.parse(v);
                if (!value.isNegative()) {
                    return value;
                }
            } catch (DateTimeParseException ignored) {
                // reported below
            }
            throw invalid(key, v, "an ISO-8601 duration such as PT1H or PT15M, not negative");
        }).orElse(fallback);
    }

    public List<String> list(String key, List<String> fallback) {
        return string(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(fallback);
    }

    private static CustosException invalid(String key, String value, String expected) {
        return new CustosException(CdiMessages.invalidSetting(key, value, expected));
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
