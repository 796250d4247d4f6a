// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.gdpr.ErasureExemption;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.gdpr.SpecialCategoryCondition;
import dev.custos.core.internal.xml.XmlElement;
import dev.custos.core.retention.RetentionSpec;
import java.time.DateTimeException;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a parsed pack file into a {@link PolicyPack}, collecting every problem with its line before
 * failing, so that one run shows everything to fix. A pack with {@code extends="base"} starts from the base
 * pack: it may cite the base's sources, and its own sources, settings, purposes, rules and hold reasons are added to
 * the base's, replacing those with the same id; its requests, audit identity and fiscal year end replace the
 * base's when it states them. Not thread-safe; one instance per file.
 */
final class PolicyPackReader {

    static final String NAMESPACE = "urn:custos:policy-pack:1";

    /** A pack as read, with the sources it may cite (its base's included), for a pack that extends it. */
    record Read(PolicyPack pack, Map<String, String> sources) {
    }

    /** Loads the pack named by {@code extends}; {@code extending} are the packs waiting for it, outermost first. */
    interface BaseLoader {
        Read load(String baseId, List<String> extending);
    }

    private static final Set<String> PACK_ATTRIBUTES =
            Set.of("id", "extends", "jurisdiction", "zone", "fiscal-year-end");
    private static final Set<String> PACK_CHILDREN =
            Set.of("name", "description", "source", "requests", "setting", "purpose", "rule", "hold-reason",
                    "audit-identity", "overridable");
    private static final Set<String> PURPOSE_ATTRIBUTES =
            Set.of("id", "requires-consent", "written-consent", "information-society-service");
    private static final Set<String> RULE_ATTRIBUTES =
            Set.of("id", "basis", "condition", "retention", "duty-to-keep", "exemption", "on-due", "access");
    private static final Set<String> RULE_CHILDREN = Set.of("title", "cite", "seed", "note", "refusal");
    private static final Set<String> CITE_ATTRIBUTES = Set.of("source", "ref", "verified", "note");

    private final String file;
    private final List<String> extending;
    private final BaseLoader bases;
    private final List<Message> problems = new ArrayList<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    /** The hold reasons that routes name, checked once the pack's hold reasons are known. */
    private final List<RouteHold> routeHolds = new ArrayList<>();

    private record RouteHold(String ruleId, String holdId, String line) {
    }

    /**
     * @param extending the ids of the packs, outermost first, whose reading waits for this one (they extend it)
     * @param bases     loads the pack this one extends
     */
    PolicyPackReader(String file, List<String> extending, BaseLoader bases) {
        this.file = file;
        this.extending = List.copyOf(extending);
        this.bases = bases;
    }

    Read read(XmlElement root) {
        if (!root.name().equals("policy-pack")) {
            throw new CustosException(PolicyMessages.wrongRoot(file, root.name()));
        }
        if (!root.namespace().equals(NAMESPACE)) {
            // another version of the format would be misread, so it is refused rather than guessed at
            throw new CustosException(PolicyMessages.unsupportedNamespace(file, root.namespace(), NAMESPACE));
        }
        checkShape(root, PACK_ATTRIBUTES, PACK_CHILDREN);
        checkOnce(root, "name", "description", "requests", "audit-identity");
        String id = requireId(root, "pack");
        Optional<PolicyPack> base = base(root, id);
        String jurisdiction = required(root, "jurisdiction");
        if (!jurisdiction.isEmpty() && !jurisdiction.matches("[A-Z]{2}")) {
            problems.add(PolicyMessages.invalidJurisdiction(file, line(root), jurisdiction));
        }
        ZoneId zone = zone(root);
        MonthDay fiscalYearEnd = fiscalYearEnd(root, base);
        String name = requiredText(root, "name");

        Set<String> ownSources = new HashSet<>();
        for (XmlElement source : root.children("source")) {
            checkShape(source, Set.of("id", "title"), Set.of());
            String sourceId = requireId(source, "source");
            if (!ownSources.add(sourceId)) {
                problems.add(PolicyMessages.duplicateId(file, line(source), "source", sourceId));
            } else {
                sources.put(sourceId, required(source, "title"));
            }
        }
        RequestPolicy requests = root.child("requests").isPresent() || base.isEmpty()
                ? requests(root) : base.get().requests();
        Map<String, PackSetting> settings = new LinkedHashMap<>();
        for (XmlElement setting : root.children("setting")) {
            checkShape(setting, Set.of("name", "value"), Set.of("cite", "note"));
            checkOnce(setting, "note");
            String settingName = requireId(setting, "setting");
            PackSetting value = new PackSetting(settingName, required(setting, "value"),
                    citations(setting, "setting", settingName), setting.childText("note"));
            if (settings.putIfAbsent(settingName, value) != null) {
                problems.add(PolicyMessages.duplicateId(file, line(setting), "setting", settingName));
            }
        }
        Map<String, PackPurpose> purposes = new LinkedHashMap<>();
        for (XmlElement element : root.children("purpose")) {
            PackPurpose purpose = purpose(element);
            if (purposes.putIfAbsent(purpose.id(), purpose) != null) {
                problems.add(PolicyMessages.duplicateId(file, line(element), "purpose", purpose.id()));
            }
        }
        Map<String, PackSetting> allSettings = base.map(b -> inherit(b.settings(), settings)).orElse(settings);
        Map<String, PackPurpose> allPurposes = base.map(b -> inherit(b.purposes(), purposes)).orElse(purposes);
        checkConsentAge(root, allSettings, allPurposes);
        Map<String, PolicyRule> rules = new LinkedHashMap<>();
        for (XmlElement element : root.children("rule")) {
            rule(element).ifPresent(rule -> {
                if (rules.putIfAbsent(rule.id(), rule) != null) {
                    problems.add(PolicyMessages.duplicateId(file, line(element), "rule", rule.id()));
                }
            });
        }
        Map<String, HoldReason> holds = new LinkedHashMap<>();
        for (XmlElement element : root.children("hold-reason")) {
            checkShape(element, Set.of("id"), Set.of("title", "cite"));
            checkOnce(element, "title");
            String holdId = requireId(element, "hold-reason");
            HoldReason reason = new HoldReason(holdId, requiredText(element, "title"),
                    citations(element, "hold-reason", holdId));
            if (holds.putIfAbsent(holdId, reason) != null) {
                problems.add(PolicyMessages.duplicateId(file, line(element), "hold-reason", holdId));
            }
        }
        checkNextDates(rules.values(), base.map(b -> inherit(b.settings(), settings)).orElse(settings), root);
        checkRouteHolds(base.map(b -> inherit(b.holdReasons(), holds)).orElse(holds));
        Optional<AuditIdentity> auditIdentity = root.child("audit-identity").isPresent() || base.isEmpty()
                ? root.child("audit-identity").flatMap(this::auditIdentity) : base.get().auditIdentity();
        Map<String, PackOverride> overridable = overridables(root,
                base.map(b -> inherit(b.rules(), rules)).orElse(rules),
                base.map(b -> inherit(b.settings(), settings)).orElse(settings));
        if (!problems.isEmpty()) {
            throw new CustosDefinitionException(
                    PolicyMessages.invalidPack(file, String.valueOf(problems.size())), problems);
        }
        Map<String, PackOverride> allOverridable = base.map(b -> inherit(b.overridable(), overridable))
                .orElse(overridable);
        return new Read(new PolicyPack(id, name, jurisdiction, zone, fiscalYearEnd, root.childText("description"),
                file, requests,
                base.map(b -> inherit(b.rules(), rules)).orElse(rules),
                base.map(b -> inherit(b.holdReasons(), holds)).orElse(holds),
                allSettings, allPurposes, auditIdentity, allOverridable),
                Collections.unmodifiableMap(new LinkedHashMap<>(sources)));
    }

    /**
     * The pack named by {@code extends}, whose sources this pack may then cite. A base that cannot be loaded
     * stops the reading at once: without it every citation of its sources would be reported as well.
     */
    private Optional<PolicyPack> base(XmlElement root, String id) {
        Optional<String> baseId = root.attribute("extends").map(String::strip);
        if (baseId.isEmpty()) {
            return Optional.empty();
        }
        List<String> chain = new ArrayList<>(extending);
        chain.add(id);
        if (chain.contains(baseId.get())) {
            chain.add(baseId.get());
            throw new CustosException(PolicyMessages.extendsCycle(file, line(root), id,
                    String.join(" extends ", chain)));
        }
        Read read;
        try {
            read = bases.load(baseId.get(), chain);
        } catch (CustosDefinitionException e) {
            throw e; // its problems name the base's own file and lines
        } catch (CustosException e) {
            throw new CustosException(PolicyMessages.baseUnavailable(file, line(root), id, baseId.get(),
                    e.detail().toString()), e);
        }
        sources.putAll(read.sources());
        return Optional.of(read.pack());
    }

    /** The base's entries in order, each replaced by this pack's one of the same id, then this pack's new ones. */
    private static <T> Map<String, T> inherit(Map<String, T> base, Map<String, T> own) {
        Map<String, T> merged = new LinkedHashMap<>(base);
        merged.putAll(own);
        return merged;
    }

    private PackPurpose purpose(XmlElement element) {
        checkShape(element, PURPOSE_ATTRIBUTES, Set.of("title", "cite", "note"));
        checkOnce(element, "title", "note");
        String purposeId = requireId(element, "purpose");
        return new PackPurpose(purposeId, requiredText(element, "title"), bool(element, "requires-consent", false),
                bool(element, "written-consent", false), bool(element, "information-society-service", false),
                citations(element, "purpose", purposeId), element.childText("note"));
    }

    /**
     * A pack that names an information society service must say from what age a child consents alone (GDPR
     * Art. 8(1)): a whole number of years from 13 to 16, in the setting the consent check reads.
     */
    private void checkConsentAge(XmlElement root, Map<String, PackSetting> settings,
                                 Map<String, PackPurpose> purposes) {
        List<String> services = purposes.values().stream().filter(PackPurpose::informationSocietyService)
                .map(PackPurpose::id).toList();
        PackSetting age = settings.get(PackPurpose.DIGITAL_CONSENT_AGE);
        if (age == null) {
            if (!services.isEmpty()) {
                problems.add(PolicyMessages.consentAgeMissing(file, line(root), String.join(", ", services),
                        PackPurpose.DIGITAL_CONSENT_AGE));
            }
            return;
        }
        if (PolicyPack.consentAgeOf(age).isEmpty()) {
            problems.add(PolicyMessages.invalidConsentAge(file, line(root), PackPurpose.DIGITAL_CONSENT_AGE,
                    age.value()));
        }
    }

    private Optional<AuditIdentity> auditIdentity(XmlElement element) {
        checkShape(element, Set.of("kept-for"), Set.of("cite", "note"));
        checkOnce(element, "note");
        String value = required(element, "kept-for");
        List<Citation> citations = citations(element, "audit-identity", "audit-identity");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Period period;
        try {
            period = Period.parse(value);
        } catch (DateTimeException e) {
            period = null;
        }
        // zero would mean "destroy at once", which is what a pack without the element says; and no law asks
        // for centuries, so a longer period is a typo
        if (period == null || period.isNegative() || period.isZero()
                || period.toTotalMonths() + period.getDays() / 31 > RetentionSpec.MAX_YEARS * 12L) {
            problems.add(PolicyMessages.invalidKeptFor(file, line(element), value,
                    String.valueOf(RetentionSpec.MAX_YEARS)));
            return Optional.empty();
        }
        return Optional.of(new AuditIdentity(period, citations, element.childText("note")));
    }

    private Optional<PolicyRule> rule(XmlElement element) {
        checkShape(element, RULE_ATTRIBUTES, RULE_CHILDREN);
        checkOnce(element, "title", "seed", "note", "refusal");
        String ruleId = requireId(element, "rule");
        String title = requiredText(element, "title");
        LegalBasis basis = enumValue(element, "basis", LegalBasis.class, null);
        SpecialCategoryCondition condition =
                enumValue(element, "condition", SpecialCategoryCondition.class, SpecialCategoryCondition.NONE);
        boolean duty = bool(element, "duty-to-keep", false);
        ErasureExemption exemption = enumValue(element, "exemption", ErasureExemption.class, null);
        DueAction onDue = enumValue(element, "on-due", DueAction.class, DueAction.ERASE);
        String accessValue = element.attribute("access").orElse("any");
        RuleAccess access = switch (accessValue) {
            case "any" -> RuleAccess.ANY;
            case "assigned-caller" -> RuleAccess.ASSIGNED_CALLER;
            default -> null;
        };
        if (access == null) {
            problems.add(PolicyMessages.invalidAccess(file, line(element), ruleId, accessValue));
        }
        List<Citation> citations = citations(element, "rule", ruleId);
        RetentionSpec retention = retention(element, ruleId);
        // an exemption that is present but invalid has already been reported (CUSTOS-01211); do not also
        // claim that the rule "names no exemption"
        if (duty && exemption == null && element.attribute("exemption").isEmpty()) {
            problems.add(PolicyMessages.dutyWithoutExemption(file, line(element), ruleId));
        }
        if (!duty && exemption != null) {
            problems.add(PolicyMessages.exemptionWithoutDuty(file, line(element), ruleId));
        }
        if (duty && retention != null && retention.kind() == RetentionSpec.Kind.UNTIL_CONSENT_WITHDRAWN) {
            problems.add(PolicyMessages.dutyUntilConsent(file, line(element), ruleId));
        }
        Optional<Refusal> refusal = element.child("refusal").map(r -> refusal(r, ruleId, duty));
        if (retention == null || basis == null || access == null) {
            return Optional.empty();
        }
        return Optional.of(new PolicyRule(ruleId, title, basis, condition, retention, duty,
                Optional.ofNullable(exemption), onDue, citations, element.childText("seed"),
                element.childText("note"), access, refusal));
    }

    /**
     * A rule's {@code <refusal>}: the citations a refusal carries and, in {@code <route>}, what the subject can
     * still do and which hold starting it places. Only a duty to keep refuses, so only such a rule may have one.
     */
    private Refusal refusal(XmlElement element, String ruleId, boolean duty) {
        checkShape(element, Set.of(), Set.of("cite", "route"));
        checkOnce(element, "route");
        if (!duty) {
            problems.add(PolicyMessages.refusalWithoutDuty(file, line(element), ruleId));
        }
        List<Citation> citations = citations(element, "refusal", ruleId);
        Optional<Route> route = element.child("route").map(r -> {
            checkShape(r, Set.of("hold"), Set.of("text", "cite"));
            checkOnce(r, "text");
            String hold = required(r, "hold");
            if (!hold.isEmpty()) {
                routeHolds.add(new RouteHold(ruleId, hold, line(r)));
            }
            return new Route(requiredText(r, "text"), citations(r, "route", ruleId), hold);
        });
        return new Refusal(citations, route);
    }

    /** Reports each route whose hold reason is not among {@code holds} (the pack's own and its base's). */
    private void checkRouteHolds(Map<String, HoldReason> holds) {
        for (RouteHold hold : routeHolds) {
            if (!holds.containsKey(hold.holdId())) {
                problems.add(PolicyMessages.unknownRouteHold(file, hold.line(), hold.ruleId(), hold.holdId(),
                        String.join(", ", holds.keySet())));
            }
        }
    }

    private RetentionSpec retention(XmlElement element, String ruleId) {
        String value = required(element, "retention");
        if (value.isEmpty()) {
            return null;
        }
        try {
            RetentionSpec spec = RetentionSpec.parse(value, "rule \"" + ruleId + "\"");
            if (spec.kind() == RetentionSpec.Kind.POLICY_RULE) {
                problems.add(PolicyMessages.policyReferenceInPack(file, line(element), ruleId, value));
                return null;
            }
            return spec;
        } catch (CustosException e) {
            // keep the retention message's own id: it says exactly what is wrong with the value
            problems.add(new Message(e.detail().id(), file + ":" + element.line() + ": " + e.detail().text()));
            return null;
        }
    }

    /**
     * The {@code <overridable>} values: the fiscal year's end, a setting holding a day of the year, or a rule with a
     * period, whose {@code min} and {@code max} (periods; rules only) must hold the pack's own value.
     */
    private Map<String, PackOverride> overridables(XmlElement root, Map<String, PolicyRule> rules,
                                                   Map<String, PackSetting> settings) {
        Map<String, PackOverride> found = new LinkedHashMap<>();
        for (XmlElement element : root.children("overridable")) {
            checkShape(element, Set.of("name", "min", "max"), Set.of());
            String name = required(element, "name");
            PolicyRule rule = rules.get(name);
            boolean isRule = rule != null && rule.retention().period().isPresent();
            boolean isDay = name.equals(PackOverride.FISCAL_YEAR_END) || settings.containsKey(name)
                    && PackOverrides.monthDay(settings.get(name).value().strip()).isPresent();
            if (!isRule && !isDay) {
                problems.add(PolicyMessages.badOverridable(file, line(element), name, "names neither fiscal-year-end,"
                        + " a setting holding a day of the year, nor a rule with a period"));
                continue;
            }
            Optional<Period> min = limit(element, "min", isRule);
            Optional<Period> max = limit(element, "max", isRule);
            if (isRule) {
                Period own = rule.retention().period().get();
                if (min.filter(m -> PackOverrides.shorter(own, m)).isPresent()
                        || max.filter(m -> PackOverrides.shorter(m, own)).isPresent()) {
                    problems.add(PolicyMessages.badOverridable(file, line(element), name, "has limits that leave out"
                            + " the rule's own period " + own));
                }
            }
            if (found.put(name, new PackOverride(name, min, max)) != null) {
                problems.add(PolicyMessages.duplicateId(file, line(element), "overridable", name));
            }
        }
        return found;
    }

    private Optional<Period> limit(XmlElement element, String attribute, boolean isRule) {
        Optional<String> value = element.attribute(attribute).map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Period> period = PackOverrides.period(value.get());
        if (!isRule || period.isEmpty()) {
            problems.add(PolicyMessages.badOverridable(file, line(element), required(element, "name"), isRule
                    ? "has " + attribute + "=\"" + value.get() + "\", which is not an ISO-8601 period"
                    : "has " + attribute + ", which only a rule's period takes"));
        }
        return period;
    }

    /** Every {@code at next <name>} of the pack's rules names a setting of the pack holding a month-day. */
    private void checkNextDates(Collection<PolicyRule> rules, Map<String, PackSetting> settings, XmlElement root) {
        PolicyPack probe = new PolicyPack("probe", "", "", ZoneId.of("UTC"), MonthDay.of(12, 31), "", file,
                new RequestPolicy(Optional.empty(), List.of()), Map.of(), Map.of(), settings);
        for (PolicyRule rule : rules) {
            rule.retention().next().filter(day -> probe.monthDay(day).isEmpty()).ifPresent(day ->
                    problems.add(PolicyMessages.unknownNextDate(file, line(root), rule.id(), day)));
        }
    }

    private RequestPolicy requests(XmlElement root) {
        Optional<XmlElement> element = root.child("requests");
        if (element.isEmpty()) {
            return new RequestPolicy(Optional.empty(), List.of());
        }
        XmlElement requests = element.get();
        checkShape(requests, Set.of("promised-within"), Set.of("cite"));
        Optional<Period> promised = requests.attribute("promised-within").flatMap(value -> {
            try {
                Period period = Period.parse(value);
                if (period.isNegative() || period.isZero()) {
                    throw new DateTimeException("not positive");
                }
                return Optional.of(period);
            } catch (DateTimeException e) {
                problems.add(PolicyMessages.invalidPromisedWithin(file, line(requests), value));
                return Optional.empty();
            }
        });
        return new RequestPolicy(promised, citations(requests, "requests", "requests"));
    }

    private List<Citation> citations(XmlElement owner, String kind, String ownerId) {
        List<XmlElement> cites = owner.children("cite");
        if (cites.isEmpty()) {
            problems.add(PolicyMessages.noCitation(file, line(owner), kind, ownerId));
        }
        List<Citation> citations = new ArrayList<>();
        for (XmlElement cite : cites) {
            checkShape(cite, CITE_ATTRIBUTES, Set.of());
            String sourceId = required(cite, "source");
            String title = sources.get(sourceId);
            if (title == null && !sourceId.isEmpty()) {
                problems.add(PolicyMessages.unknownSource(file, line(cite), sourceId, String.join(", ", sources.keySet())));
                continue;
            }
            String note = cite.attribute("note").orElse("").strip();
            // a citation must say whether it was checked; without the attribute it counts as unchecked
            boolean verified = false;
            if (cite.attribute("verified").isEmpty()) {
                problems.add(PolicyMessages.missingVerified(file, line(cite), sourceId));
            } else {
                int reported = problems.size();
                verified = bool(cite, "verified", false);
                // an invalid value has been reported (CUSTOS-01212); do not also ask for a note
                if (!verified && note.isEmpty() && problems.size() == reported) {
                    problems.add(PolicyMessages.unverifiedWithoutNote(file, line(cite), sourceId));
                }
            }
            if (title != null) {
                citations.add(new Citation(title, cite.attribute("ref").orElse("").strip(), verified, note));
            }
        }
        return citations;
    }

    private void checkShape(XmlElement element, Set<String> attributes, Set<String> children) {
        for (String attribute : element.attributes().keySet()) {
            if (!attributes.contains(attribute)) {
                problems.add(PolicyMessages.unknownAttribute(file, line(element), element.name(), attribute,
                        sorted(attributes)));
            }
        }
        for (XmlElement child : element.children()) {
            if (!children.contains(child.name())) {
                problems.add(PolicyMessages.unknownElement(file, line(child), element.name(), child.name(),
                        sorted(children)));
            }
        }
    }

    /** Reports each of {@code names} that appears more than once in {@code element}. */
    private void checkOnce(XmlElement element, String... names) {
        for (String name : names) {
            List<XmlElement> found = element.children(name);
            for (XmlElement repeated : found.subList(Math.min(1, found.size()), found.size())) {
                problems.add(PolicyMessages.repeatedElement(file, line(repeated), element.name(), name,
                        line(found.get(0))));
            }
        }
    }

    private String required(XmlElement element, String attribute) {
        Optional<String> value = element.attribute(attribute).map(String::strip);
        if (value.isEmpty() || value.get().isEmpty()) {
            problems.add(PolicyMessages.missingAttribute(file, line(element), element.name(), attribute));
            return "";
        }
        return value.get();
    }

    private String requireId(XmlElement element, String kind) {
        String attribute = kind.equals("setting") ? "name" : "id";
        String id = required(element, attribute);
        if (!id.isEmpty() && !RetentionSpec.isValidName(id)) {
            problems.add(PolicyMessages.invalidId(file, line(element), kind, id));
        }
        return id;
    }

    private String requiredText(XmlElement element, String child) {
        String text = element.childText(child);
        if (text.isEmpty()) {
            problems.add(PolicyMessages.missingText(file, line(element), element.name(), child));
        }
        return text;
    }

    private ZoneId zone(XmlElement root) {
        String value = required(root, "zone");
        try {
            return value.isEmpty() ? ZoneId.of("UTC") : ZoneId.of(value);
        } catch (DateTimeException e) {
            problems.add(PolicyMessages.invalidZone(file, line(root), value));
            return ZoneId.of("UTC");
        }
    }

    private MonthDay fiscalYearEnd(XmlElement root, Optional<PolicyPack> base) {
        if (root.attribute("fiscal-year-end").isEmpty() && base.isPresent()) {
            return base.get().fiscalYearEnd();
        }
        String value = root.attribute("fiscal-year-end").orElse("12-31").strip();
        try {
            return MonthDay.parse("--" + value);
        } catch (DateTimeException e) {
            problems.add(PolicyMessages.invalidFiscalYearEnd(file, line(root), value));
            return MonthDay.of(12, 31);
        }
    }

    private boolean bool(XmlElement element, String attribute, boolean defaultValue) {
        String value = element.attribute(attribute).orElse(String.valueOf(defaultValue)).strip();
        if (!value.equals("true") && !value.equals("false")) {
            problems.add(PolicyMessages.invalidBoolean(file, line(element), attribute, value));
            return defaultValue;
        }
        return Boolean.parseBoolean(value);
    }

    /** The enum constant named by {@code attribute}; required when {@code defaultValue} is null. */
    private <E extends Enum<E>> E enumValue(XmlElement element, String attribute, Class<E> type, E defaultValue) {
        Optional<String> value = element.attribute(attribute).map(String::strip);
        if (value.isEmpty()) {
            if (defaultValue == null && !attribute.equals("exemption")) {
                problems.add(PolicyMessages.missingAttribute(file, line(element), element.name(), attribute));
            }
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value.get())) {
                return constant;
            }
        }
        problems.add(PolicyMessages.invalidValue(file, line(element), attribute, value.get(),
                String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
        return defaultValue;
    }

    private static String line(XmlElement element) {
        return String.valueOf(element.line());
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", names.stream().sorted().toList());
    }
}
