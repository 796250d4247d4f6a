// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import dev.custos.core.CustosException;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.gdpr.SpecialCategoryCondition;
import dev.custos.core.retention.RetentionSpec;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The legal rules of one jurisdiction (or one controller), as data with citations: retention rules,
 * reasons for legal holds, request deadlines, settings and how long the audit keeps identifying an erased
 * subject. Packs are XML files read by
 * {@link PolicyPacks}; Custos ships {@code gdpr}, {@code dk} and {@code no}, and a user adds a pack by putting
 * {@code META-INF/custos/packs/<id>.xml} on the class path. Immutable and thread-safe.
 *
 * @param id            the pack id, for example {@code dk}
 * @param name          a human-readable name
 * @param jurisdiction  the ISO 3166 country code the pack is written for
 * @param zone          the time zone dates are counted in
 * @param fiscalYearEnd the last day of the fiscal year, for clocks that start at its end
 * @param description   what the pack covers; may be empty
 * @param source        where the pack was read from, for messages
 * @param requests      how requests are answered
 * @param rules         retention rules by id, in file order
 * @param holdReasons   legal hold reasons by id, in file order
 * @param settings      settings by name, in file order
 * @param purposes      what the pack says about processing for a purpose, by purpose, in file order
 * @param auditIdentity how long the audit keeps identifying a subject after its erasure; empty when the pack
 *                      requires nothing, so the subject's pseudonym key is destroyed at once
 * @param overridable   the values a deployment may set for its controller, by name, in file order
 */
public record PolicyPack(String id, String name, String jurisdiction, ZoneId zone, MonthDay fiscalYearEnd,
                         String description, String source, RequestPolicy requests, Map<String, PolicyRule> rules,
                         Map<String, HoldReason> holdReasons, Map<String, PackSetting> settings,
                         Map<String, PackPurpose> purposes, Optional<AuditIdentity> auditIdentity,
                         Map<String, PackOverride> overridable) {

    /** A pack no deployment may change. */
    public PolicyPack(String id, String name, String jurisdiction, ZoneId zone, MonthDay fiscalYearEnd,
                      String description, String source, RequestPolicy requests, Map<String, PolicyRule> rules,
                      Map<String, HoldReason> holdReasons, Map<String, PackSetting> settings,
                      Map<String, PackPurpose> purposes, Optional<AuditIdentity> auditIdentity) {
        this(id, name, jurisdiction, zone, fiscalYearEnd, description, source, requests, rules, holdReasons,
                settings, purposes, auditIdentity, Map.of());
    }

    /** A pack that says nothing about purposes. */
    public PolicyPack(String id, String name, String jurisdiction, ZoneId zone, MonthDay fiscalYearEnd,
                      String description, String source, RequestPolicy requests, Map<String, PolicyRule> rules,
                      Map<String, HoldReason> holdReasons, Map<String, PackSetting> settings,
                      Optional<AuditIdentity> auditIdentity, Map<String, PackOverride> overridable) {
        this(id, name, jurisdiction, zone, fiscalYearEnd, description, source, requests, rules, holdReasons,
                settings, Map.of(), auditIdentity, overridable);
    }

    public PolicyPack {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(fiscalYearEnd, "fiscalYearEnd");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(requests, "requests");
        rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        holdReasons = Collections.unmodifiableMap(new LinkedHashMap<>(holdReasons));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        purposes = Collections.unmodifiableMap(new LinkedHashMap<>(purposes));
        Objects.requireNonNull(auditIdentity, "auditIdentity");
        overridable = Collections.unmodifiableMap(new LinkedHashMap<>(overridable));
    }

    /**
     * This pack with a deployment's values ({@code custos.pack.override.<name>}, given here by name without the
     * prefix): {@code fiscal-year-end} and date settings take a day of the year ({@code 06-30}), rules a period
     * ({@code P1Y}) within the pack's limits.
     *
     * @throws dev.custos.core.CustosDefinitionException listing every value the pack does not let be overridden,
     *                                                   that it does not know, that is malformed or out of limits
     */
    public PolicyPack withOverrides(Map<String, String> values) {
        return PackOverrides.apply(this, values);
    }

    /** A pack that says nothing about purposes and that no deployment may change. */
    public PolicyPack(String id, String name, String jurisdiction, ZoneId zone, MonthDay fiscalYearEnd,
                      String description, String source, RequestPolicy requests, Map<String, PolicyRule> rules,
                      Map<String, HoldReason> holdReasons, Map<String, PackSetting> settings,
                      Optional<AuditIdentity> auditIdentity) {
        this(id, name, jurisdiction, zone, fiscalYearEnd, description, source, requests, rules, holdReasons,
                settings, Map.of(), auditIdentity, Map.of());
    }

    /** A pack without an audit-identity rule: erased subjects' pseudonym keys are destroyed at once. */
    public PolicyPack(String id, String name, String jurisdiction, ZoneId zone, MonthDay fiscalYearEnd,
                      String description, String source, RequestPolicy requests, Map<String, PolicyRule> rules,
                      Map<String, HoldReason> holdReasons, Map<String, PackSetting> settings) {
        this(id, name, jurisdiction, zone, fiscalYearEnd, description, source, requests, rules, holdReasons,
                settings, Map.of(), Optional.empty());
    }

    public Optional<PolicyRule> rule(String ruleId) {
        return Optional.ofNullable(rules.get(ruleId));
    }

    public Optional<HoldReason> holdReason(String reasonId) {
        return Optional.ofNullable(holdReasons.get(reasonId));
    }

    public Optional<PackSetting> setting(String settingName) {
        return Optional.ofNullable(settings.get(settingName));
    }

    public Optional<PackPurpose> purpose(String purposeId) {
        return Optional.ofNullable(purposes.get(purposeId));
    }

    /**
     * The age from which a child consents alone to an information society service (GDPR Art. 8(1)): the
     * {@value PackPurpose#DIGITAL_CONSENT_AGE} setting; empty when the pack has none. A pack that names an
     * information society service is read only with a valid one, a whole number of years from 13 to 16.
     */
    public Optional<Integer> digitalConsentAge() {
        return setting(PackPurpose.DIGITAL_CONSENT_AGE).flatMap(PolicyPack::consentAgeOf);
    }

    static Optional<Integer> consentAgeOf(PackSetting setting) {
        try {
            int years = Integer.parseInt(setting.value().strip());
            return years >= 13 && years <= 16 ? Optional.of(years) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether processing for {@code purpose} needs the subject's consent whatever the data's basis: the pack's
     * {@code <purpose requires-consent="true">}.
     */
    public boolean consentRequiredFor(String purpose) {
        PackPurpose found = purposes.get(purpose);
        return found != null && found.consentRequired();
    }

    /** All rules, in file order. */
    public List<PolicyRule> ruleList() {
        return List.copyOf(rules.values());
    }

    /**
     * The rule a retention specification stands for under this pack: the named rule for
     * {@code policy:<id>}, an inline rule (under the field's own basis and condition) otherwise.
     *
     * @param location where the specification was written, for the error message
     * @throws CustosException if a named rule is not in this pack
     */
    public PolicyRule resolve(RetentionSpec spec, LegalBasis basis, SpecialCategoryCondition condition,
                              String location) {
        if (spec.kind() != RetentionSpec.Kind.POLICY_RULE) {
            return PolicyRule.inline(spec, basis, condition, location);
        }
        String ruleId = spec.rule().orElseThrow();
        PolicyRule rule = rule(ruleId).orElseThrow(() -> new CustosException(
                PolicyMessages.unknownRule(location, ruleId, id, String.join(", ", rules.keySet()))));
        if (spec.event().isEmpty()) {
            return rule;
        }
        // "policy:bookkeeping of invoice-date": the pack's rule, from the entity's named clock
        RetentionSpec retention = rule.retention();
        if (retention.kind() != RetentionSpec.Kind.PERIOD
                || retention.event().filter(e -> !e.equals(spec.event().get())).isPresent()) {
            throw new CustosException(PolicyMessages.ruleTakesNoClock(location, ruleId, retention.toString(),
                    spec.event().get()));
        }
        return new PolicyRule(rule.id(), rule.title(), rule.basis(), rule.condition(),
                retention.withEvent(spec.event().get()), rule.dutyToKeep(), rule.exemption(), rule.onDue(),
                rule.citations(), rule.seedWording(), rule.note(), rule.access());
    }

    /**
     * The day of the year {@code day} stands for in an {@code at next} clause: an ISO month-day ({@code --01-31})
     * as written, or the value of the pack setting of that name ({@code --01-31} or {@code 01-31}); empty when it
     * is neither.
     */
    public Optional<MonthDay> monthDay(String day) {
        String value = RetentionSpec.isMonthDay(day) ? day
                : setting(day).map(PackSetting::value).map(String::strip).map(v -> v.startsWith("--") ? v : "--" + v)
                        .orElse("");
        return RetentionSpec.isMonthDay(value) ? Optional.of(MonthDay.parse(value)) : Optional.empty();
    }
}
