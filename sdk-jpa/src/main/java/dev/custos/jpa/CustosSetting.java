// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.retention.SweepOptions;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of Custos, in one registry: its key, where it may be set, its type, its default and its meaning.
 * {@link CustosSettings} reads them once, when a unit or the application starts, and reports every malformed value
 * at once; nothing else parses a setting or knows a default.
 * <p>
 * Where a value comes from: a {@link Scope#UNIT} setting from the persistence unit's properties (persistence.xml or
 * the map given to {@code createEntityManagerFactory}); a {@link Scope#SERVER} setting from the server's settings,
 * which the CDI layer reads from MicroProfile Config when the server has it, else from system properties; a
 * {@link Scope#UNIT_OR_SERVER} setting from either, the server's value winning. Java SE has no server settings.
 * <p>
 * Besides these keys, {@code custos.pack.override.<name>} sets a value of the policy pack that the pack lets a
 * deployment choose ({@code <overridable>}), such as {@code custos.pack.override.fiscal-year-end=06-30}; see
 * {@link #packOverrides(Map)}.
 */
public enum CustosSetting {

    /** The policy pack whose rules apply, for example {@code gdpr}, {@code dk} or {@code no}. Required. */
    PACK("custos.pack", Scope.UNIT_OR_SERVER, Type.TEXT, null,
            "the policy pack whose rules apply: `gdpr` (the Regulation alone), `dk`, `no`, or your own"),

    /** Set to {@code false} to switch Custos off: nothing is checked, audited, swept or logged but one line. */
    ENABLED("custos.enabled", Scope.UNIT_OR_SERVER, Type.BOOLEAN, "true",
            "`false` switches Custos off: the model is not checked, nothing is audited or erased, no sweep is"
                    + " scheduled, and one INFO line says so"),

    /** Whether Custos creates and upgrades its own tables when the unit starts. */
    MIGRATE_SCHEMA("custos.schema.migrate", Scope.UNIT, Type.BOOLEAN, "true",
            "whether Custos creates and upgrades its tables with Flyway when the unit starts; `false` when a DBA"
                    + " applies the DDL"),

    /**
     * The level of the one line Custos logs for each refused read or write (logger
     * {@code dev.custos.jpa.access.refusals}). The refusal is audited whatever the level.
     */
    REFUSAL_LOG_LEVEL("custos.log.refusals", Scope.UNIT, Type.LOG_LEVEL, "INFO",
            "the level of the one line logged on `dev.custos.jpa.access.refusals` for each refused read or write;"
                    + " the refusal is audited whatever the level"),

    /**
     * Roles whose callers see no personal data: every load, query, projection and write of an annotated attribute is
     * refused to them, whatever the purpose. Auditors read the audit trail, not the data.
     */
    NO_CONTENT_ROLES("custos.roles.no-content", Scope.UNIT_OR_SERVER, Type.LIST, "custos-auditor",
            "roles whose callers are refused every annotated attribute on load, query, projection and write"
                    + " (`CUSTOS-04500`); auditors read the audit trail, not the data"),

    /** Roles whose callers read but never change personal data, nor anything through Custos' services. */
    READ_ONLY_ROLES("custos.roles.read-only", Scope.UNIT_OR_SERVER, Type.LIST, "custos-auditor",
            "roles whose callers never change personal data, nor anything through Custos' services"),

    /** The role that reading the audit trail through {@code AuditService} requires. */
    AUDITOR_ROLE("custos.roles.auditor", Scope.UNIT_OR_SERVER, Type.TEXT, "custos-auditor",
            "the role the audit queries (`AuditQueries`, and `AuditService` under CDI) require"),

    /** The role that listing and deciding erasure lines left for a person's decision requires. */
    DECIDER_ROLE("custos.roles.decider", Scope.SERVER, Type.TEXT, "custos-privacy-officer",
            "the role that listing and deciding erasure lines left for a person's decision (`Decisions`,"
                    + " and `RequestService.undecided`, `decisions`, `decide` under CDI) requires; in Java SE set it"
                    + " with `CustosJpa.setup(...).deciderRole(...)`"),

    /** Whether the scheduled retention sweep runs. */
    SWEEP_ENABLED("custos.sweep.enabled", Scope.SERVER, Type.BOOLEAN, "true",
            "whether the scheduled retention sweep runs on this server"),

    /** Time between the end of one scheduled sweep and the start of the next. */
    SWEEP_INTERVAL("custos.sweep.interval", Scope.SERVER, Type.POSITIVE_DURATION, "PT1H",
            "time from the end of one sweep to the start of the next"),

    /** Time from application start to the first scheduled sweep. */
    SWEEP_INITIAL_DELAY("custos.sweep.initial-delay", Scope.SERVER, Type.DURATION, "PT1M",
            "time from application start to the first sweep"),

    /** Rows erased per transaction by the scheduled sweep. */
    SWEEP_BATCH_SIZE("custos.sweep.batch-size", Scope.SERVER, Type.BATCH_SIZE,
            Integer.toString(SweepOptions.DEFAULT_BATCH_SIZE), "rows erased per transaction by the scheduled sweep"),

    /** Whether the scheduled sweep only reports what it would erase. */
    SWEEP_DRY_RUN("custos.sweep.dry-run", Scope.SERVER, Type.BOOLEAN, "false",
            "`true`: the scheduled sweep only counts what it would erase"),

    /**
     * Whether an operator confirmed the first scheduled sweep of a database Custos never swept; until then the
     * scheduled sweep there only reports.
     */
    SWEEP_CONFIRMED("custos.sweep.confirmed", Scope.SERVER, Type.BOOLEAN, "false",
            "`true`: the operator read the adoption report, and the scheduled sweep may erase on a database Custos"
                    + " never swept; until then it only reports there"),

    /**
     * Whether the scheduled sweep starts the retention sweep's Jakarta Batch job instead of sweeping directly; needs
     * Jakarta Batch on the server.
     */
    SWEEP_BATCH_JOB("custos.sweep.batch-job", Scope.SERVER, Type.BOOLEAN, "false",
            "`true`: the scheduled sweep starts the batch job `custos-retention-sweep` (Jakarta Batch, which the"
                    + " server must provide) instead of sweeping in its own thread, so that the server's batch tools"
                    + " show and restart it"),

    /** How long before a request's deadline the {@code RequestDeadlineNear} event starts firing. */
    REQUEST_WARNING("custos.requests.warn-before", Scope.SERVER, Type.DURATION, "P7D",
            "how long before a request's deadline the `RequestDeadlineNear` event starts firing"),

    /**
     * The operator's Ed25519 private key (a PKCS#8 file, PEM or DER) that signs the chains' checkpoints, kept
     * outside the database; {@code none} signs nothing.
     */
    CHECKPOINT_SIGNING_KEY("custos.checkpoint.signing-key", Scope.UNIT_OR_SERVER, Type.TEXT, "none",
            "path of the Ed25519 private key (PKCS#8, PEM or DER) that signs the chains' checkpoints"
                    + " (`AuditCheckpoints`); keep it outside the database. `none`: no checkpoint is signed"),

    /** Time between two signings of the chains' checkpoints by the CDI layer, when a signing key is set. */
    CHECKPOINT_INTERVAL("custos.checkpoint.interval", Scope.SERVER, Type.POSITIVE_DURATION, "PT5M",
            "time between two signings of the chains' checkpoints on this server, when"
                    + " `custos.checkpoint.signing-key` is set: records appended since the last signing are"
                    + " covered by the next one only"),

    /**
     * How long the audit trail's own records are kept (PostgreSQL, whose trail is partitioned by month); {@code none}
     * keeps them for good.
     */
    AUDIT_RETENTION("custos.audit.retention", Scope.UNIT_OR_SERVER, Type.PERIOD, "none",
            "how long audit records are kept, on PostgreSQL: a monthly partition of the audit trail wholly older than"
                    + " this is dropped once it was exported with a signed checkpoint (`AuditRetention`); needs"
                    + " `custos.checkpoint.signing-key`. `none` keeps every record");

    /** Where a setting may be set; see the class comment for which source wins. */
    public enum Scope {
        /** A persistence-unit property. */
        UNIT,
        /** A server setting (MicroProfile Config or system properties, under CDI). */
        SERVER,
        /** Either; the server's value wins over the unit's. */
        UNIT_OR_SERVER;

        boolean unit() {
            return this != SERVER;
        }

        boolean server() {
            return this != UNIT;
        }
    }

    /** What a value must look like; {@link #parse} turns text into the value or a numbered problem. */
    public enum Type {
        /** Any text but blank. */
        TEXT("text"),
        /** Exactly {@code true} or {@code false}. */
        BOOLEAN("`true` or `false`"),
        /** An ISO-8601 duration, not negative ({@code PT1M}, {@code P7D}). */
        DURATION("ISO-8601 duration, not negative"),
        /** An ISO-8601 duration of a millisecond or more (the scheduler counts in milliseconds). */
        POSITIVE_DURATION("ISO-8601 duration of a millisecond or more"),
        /** A whole number from 1 to {@link SweepOptions#MAX_BATCH_SIZE}. */
        BATCH_SIZE("whole number from 1 to " + SweepOptions.MAX_BATCH_SIZE),
        /** Comma-separated names, blanks dropped; {@code none} for an empty list. */
        LIST("comma-separated, or `none`"),
        /** {@code OFF}, {@code DEBUG}, {@code INFO} or {@code WARNING}, in any case. */
        LOG_LEVEL("`OFF`, `DEBUG`, `INFO` or `WARNING`"),
        /** An ISO-8601 period of whole years and months, a month or more ({@code P10Y}, {@code P18M}), or {@code none}. */
        PERIOD("ISO-8601 period of years and months, at least `P1M`, or `none`");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        /** What a valid value looks like, for documentation. */
        public String description() {
            return description;
        }
    }

    private final String key;
    private final Scope scope;
    private final Type type;
    private final String defaultValue;
    private final String description;

    CustosSetting(String key, Scope scope, Type type, String defaultValue, String description) {
        this.key = key;
        this.scope = scope;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public Scope scope() {
        return scope;
    }

    public Type type() {
        return type;
    }

    /** The default, or empty when the setting is required. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** What the setting does, in Markdown (the configuration reference is generated from it). */
    public String description() {
        return description;
    }

    /**
     * {@code text} as this setting's type reads it: a {@code String}, {@code Boolean}, {@code Duration},
     * {@code Integer}, {@code List<String>}, {@code System.Logger.Level} or {@code Optional<Period>}.
     *
     * @throws CustosException naming the setting and what it expects
     */
    Object parse(String text) {
        String value = text.strip();
        return switch (type) {
            case TEXT -> value;
            case BOOLEAN -> switch (value) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw invalid(JpaMessages.invalidBoolean(key, value));
            };
            case DURATION, POSITIVE_DURATION -> duration(value);
            case BATCH_SIZE -> batchSize(value);
            case LIST -> list(value);
            case PERIOD -> period(value);
            case LOG_LEVEL -> switch (value.toUpperCase(Locale.ROOT)) {
                case "OFF" -> System.Logger.Level.OFF;
                case "DEBUG" -> System.Logger.Level.DEBUG;
                case "INFO" -> System.Logger.Level.INFO;
                case "WARNING" -> System.Logger.Level.WARNING;
                default -> throw invalid(JpaMessages.invalidLogLevel(key, value));
            };
        };
    }

    private Duration duration(String value) {
        try {
            Duration parsed = Duration.parse(value);
            // the scheduler counts in milliseconds and refuses a delay of none: PT0.0005S would fail it at run time
            if (!parsed.isNegative() && !(type == Type.POSITIVE_DURATION && parsed.toMillis() == 0)) {
                return parsed;
            }
        } catch (DateTimeParseException malformed) {
            // reported below, with what is expected
        }
        throw invalid(JpaMessages.invalidSetting(key, value, type.description()));
    }

    /** Whole months only: partitions are dropped by month, and days would suggest a precision there is not. */
    private Optional<Period> period(String value) {
        if (value.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        try {
            Period parsed = Period.parse(value).normalized();
            if (parsed.getDays() == 0 && !parsed.isNegative() && parsed.toTotalMonths() > 0) {
                return Optional.of(parsed);
            }
        } catch (DateTimeParseException malformed) {
            // reported below, with what is expected
        }
        throw invalid(JpaMessages.invalidSetting(key, value, type.description()));
    }

    private Integer batchSize(String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0 && parsed <= SweepOptions.MAX_BATCH_SIZE) {
                return parsed;
            }
        } catch (NumberFormatException malformed) {
            // reported below, with what is expected
        }
        throw invalid(JpaMessages.invalidSetting(key, value, type.description()));
    }

    private static CustosException invalid(Message message) {
        return new CustosException(message);
    }

    /** {@code value} as a list setting reads it: comma-separated names, blanks dropped, {@code none} for none. */
    public static List<String> list(String value) {
        if (value.strip().equalsIgnoreCase("none")) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
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
}
