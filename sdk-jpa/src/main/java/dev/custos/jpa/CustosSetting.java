// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa;

import dev.custos.core.CustosException;
import dev.custos.jpa.internal.JpaMessages;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key of Custos' JPA layer, with its default and meaning, in one place. Values come
 * from the persistence unit's properties (persistence.xml or the map passed to
 * {@code createEntityManagerFactory}); the CDI layer adds MicroProfile Config on top.
 * <p>
 * Besides these keys, {@code custos.pack.override.<name>} sets a value of the policy pack that the pack lets a
 * deployment choose ({@code <overridable>}), such as {@code custos.pack.override.fiscal-year-end=06-30}; see
 * {@link #packOverrides(Map)}.
 */
public enum CustosSetting {

    /** The policy pack whose rules apply, for example {@code gdpr}, {@code dk} or {@code no}. Required. */
    PACK("custos.pack", null, "The policy pack whose rules apply (gdpr, dk, no, or your own)."),

    /** Set to {@code false} to switch Custos off for the unit (nothing is checked, audited or erased). */
    ENABLED("custos.enabled", "true", "Switches Custos on or off for the persistence unit."),

    /** Whether Custos creates and upgrades its own tables when the unit starts. */
    MIGRATE_SCHEMA("custos.schema.migrate", "true",
            "Whether Custos creates and upgrades its own tables (Flyway) when the unit starts."),

    /**
     * The level of the one line Custos logs for each refused read or write (logger
     * {@code dev.custos.jpa.access.refusals}): {@code OFF}, {@code DEBUG}, {@code INFO} or {@code WARNING}. The
     * refusal is audited whatever the level.
     */
    REFUSAL_LOG_LEVEL("custos.log.refusals", "INFO",
            "The level of the line logged for each refused read or write: OFF, DEBUG, INFO or WARNING."),

    /**
     * Roles (comma-separated) whose callers see no personal data: every load, query, projection and write of an
     * annotated attribute is refused to them, whatever the purpose. Auditors read the audit trail, not the data.
     * {@code none} for no such role. Under CDI, MicroProfile Config's value of the same key wins.
     */
    NO_CONTENT_ROLES("custos.roles.no-content", "custos-auditor",
            "Roles (comma-separated, or none) whose callers are refused every annotated attribute."),

    /**
     * Roles (comma-separated) whose callers change nothing through Custos' services (consent recorded, a hold placed
     * or released, a request executed, a sweep run): an auditor checks, and must not be able to alter what is
     * checked. {@code none} for no such role. Under CDI, MicroProfile Config's value of the same key wins.
     */
    READ_ONLY_ROLES("custos.roles.read-only", "custos-auditor",
            "Roles (comma-separated, or none) whose callers change nothing through Custos' services."),

    /**
     * The role the audit queries ({@link dev.custos.jpa.audit.AuditQueries}) require of a caller that is not Custos
     * itself. Under CDI, MicroProfile Config's value of the same key wins.
     */
    AUDITOR_ROLE("custos.roles.auditor", "custos-auditor", "The role the audit queries require.");

    private final String key;
    private final String defaultValue;
    private final String description;

    CustosSetting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** The default, or empty when the setting is required. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    /**
     * The value in {@code properties}, or the default.
     *
     * @throws CustosException if a required setting is missing
     */
    public String read(Map<String, ?> properties) {
        Object value = properties.get(key);
        if (value != null && !value.toString().isBlank()) {
            return value.toString().strip();
        }
        return defaultValue().orElseThrow(() -> new CustosException(JpaMessages.missingSetting(key, description)));
    }

    /** A log level setting: {@code OFF}, {@code DEBUG}, {@code INFO} or {@code WARNING}, in any case. */
    public System.Logger.Level readLevel(Map<String, ?> properties) {
        String value = read(properties);
        return switch (value.toUpperCase(java.util.Locale.ROOT)) {
            case "OFF" -> System.Logger.Level.OFF;
            case "DEBUG" -> System.Logger.Level.DEBUG;
            case "INFO" -> System.Logger.Level.INFO;
            case "WARNING" -> System.Logger.Level.WARNING;
            default -> throw new CustosException(JpaMessages.invalidLogLevel(key, value));
        };
    }

    /**
     * The pack values the properties override: every {@code custos.pack.override.<name>} key, by name without the
     * prefix, sorted by name. {@link dev.custos.core.policy.PolicyPack#withOverrides} checks them against the pack.
     */
    public static Map<String, String> packOverrides(Map<String, ?> properties) {
        Map<String, String> overrides = new java.util.TreeMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(dev.custos.core.policy.PackOverride.SETTING_PREFIX) && value != null) {
                overrides.put(key.substring(dev.custos.core.policy.PackOverride.SETTING_PREFIX.length()),
                        value.toString());
            }
        });
        return overrides;
    }

    /** A list setting: comma-separated names, blanks dropped; {@code none} for an empty list. */
    public java.util.List<String> readList(Map<String, ?> properties) {
        return list(read(properties));
    }

    /** {@code value} as a list setting reads it (see {@link #readList}). */
    public static java.util.List<String> list(String value) {
        if (value.strip().equalsIgnoreCase("none")) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).distinct()
                .toList();
    }

    /** A boolean setting; anything but {@code true} or {@code false} is an error. */
    public boolean readBoolean(Map<String, ?> properties) {
        String value = read(properties);
        if (!value.equals("true") && !value.equals("false")) {
            throw new CustosException(JpaMessages.invalidBoolean(key, value));
        }
        return Boolean.parseBoolean(value);
    }
}
