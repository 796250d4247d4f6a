// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static dev.custos.core.policy.PackElements.line;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.CustosException;
import dev.custos.core.internal.xml.XmlElement;
import dev.custos.core.retention.RetentionSpec;
import java.time.DateTimeException;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
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
    private final String file;
    private final List<String> extending;
    private final BaseLoader bases;
    private final PackElements elements;
    private final PackRuleReader ruleReader;
    private final PackCrossChecks crossChecks;

    /**
     * @param extending the ids of the packs, outermost first, whose reading waits for this one (they extend it)
     * @param bases     loads the pack this one extends
     */
    PolicyPackReader(String file, List<String> extending, BaseLoader bases) {
        this.file = file;
        this.extending = List.copyOf(extending);
        this.bases = bases;
        this.elements = new PackElements(file);
        this.ruleReader = new PackRuleReader(file, elements);
        this.crossChecks = new PackCrossChecks(file, elements);
    }

    Read read(XmlElement root) {
        if (!root.name().equals("policy-pack")) {
            throw new CustosException(PolicyMessages.wrongRoot(file, root.name()));
        }
        if (!root.namespace().equals(NAMESPACE)) {
            // another version of the format would be misread, so it is refused rather than guessed at
            throw new CustosException(PolicyMessages.unsupportedNamespace(file, root.namespace(), NAMESPACE));
        }
        elements.checkShape(root, PACK_ATTRIBUTES, PACK_CHILDREN);
        elements.checkOnce(root, "name", "description", "requests", "audit-identity");
        String id = elements.requireId(root, "pack");
        Optional<PolicyPack> base = base(root, id);
        String jurisdiction = elements.required(root, "jurisdiction");
        if (!jurisdiction.isEmpty() && !jurisdiction.matches("[A-Z]{2}")) {
            elements.add(PolicyMessages.invalidJurisdiction(file, line(root), jurisdiction));
        }
        ZoneId zone = zone(root);
        MonthDay fiscalYearEnd = fiscalYearEnd(root, base);
        String name = elements.requiredText(root, "name");

        Set<String> ownSources = new HashSet<>();
        for (XmlElement source : root.children("source")) {
            elements.checkShape(source, Set.of("id", "title"), Set.of());
            String sourceId = elements.requireId(source, "source");
            if (!ownSources.add(sourceId)) {
                elements.add(PolicyMessages.duplicateId(file, line(source), "source", sourceId));
            } else {
                elements.sources().put(sourceId, elements.required(source, "title"));
            }
        }
        RequestPolicy requests = root.child("requests").isPresent() || base.isEmpty()
                ? requests(root) : base.get().requests();
        Map<String, PackSetting> settings = new LinkedHashMap<>();
        for (XmlElement setting : root.children("setting")) {
            elements.checkShape(setting, Set.of("name", "value"), Set.of("cite", "note"));
            elements.checkOnce(setting, "note");
            String settingName = elements.requireId(setting, "setting");
            PackSetting value = new PackSetting(settingName, elements.required(setting, "value"),
                    elements.citations(setting, "setting", settingName), setting.childText("note"));
            if (settings.putIfAbsent(settingName, value) != null) {
                elements.add(PolicyMessages.duplicateId(file, line(setting), "setting", settingName));
            }
        }
        Map<String, PackPurpose> purposes = new LinkedHashMap<>();
        for (XmlElement element : root.children("purpose")) {
            PackPurpose purpose = purpose(element);
            if (purposes.putIfAbsent(purpose.id(), purpose) != null) {
                elements.add(PolicyMessages.duplicateId(file, line(element), "purpose", purpose.id()));
            }
        }
        Map<String, PackSetting> allSettings = base.map(b -> inherit(b.settings(), settings)).orElse(settings);
        Map<String, PackPurpose> allPurposes = base.map(b -> inherit(b.purposes(), purposes)).orElse(purposes);
        crossChecks.checkConsentAge(root, allSettings, allPurposes);
        Map<String, PolicyRule> rules = new LinkedHashMap<>();
        for (XmlElement element : root.children("rule")) {
            ruleReader.rule(element).ifPresent(rule -> {
                if (rules.putIfAbsent(rule.id(), rule) != null) {
                    elements.add(PolicyMessages.duplicateId(file, line(element), "rule", rule.id()));
                }
            });
        }
        Map<String, HoldReason> holds = new LinkedHashMap<>();
        for (XmlElement element : root.children("hold-reason")) {
            elements.checkShape(element, Set.of("id"), Set.of("title", "cite"));
            elements.checkOnce(element, "title");
            String holdId = elements.requireId(element, "hold-reason");
            HoldReason reason = new HoldReason(holdId, elements.requiredText(element, "title"),
                    elements.citations(element, "hold-reason", holdId));
            if (holds.putIfAbsent(holdId, reason) != null) {
                elements.add(PolicyMessages.duplicateId(file, line(element), "hold-reason", holdId));
            }
        }
        crossChecks.checkNextDates(rules.values(), base.map(b -> inherit(b.settings(), settings)).orElse(settings), root);
        ruleReader.checkRouteHolds(base.map(b -> inherit(b.holdReasons(), holds)).orElse(holds));
        Optional<AuditIdentity> auditIdentity = root.child("audit-identity").isPresent() || base.isEmpty()
                ? root.child("audit-identity").flatMap(this::auditIdentity) : base.get().auditIdentity();
        Map<String, PackOverride> overridable = new PackOverridableReader(file, elements).read(root,
                base.map(b -> inherit(b.rules(), rules)).orElse(rules),
                base.map(b -> inherit(b.settings(), settings)).orElse(settings));
        if (!elements.problems().isEmpty()) {
            throw new CustosDefinitionException(
                    PolicyMessages.invalidPack(file, String.valueOf(elements.problems().size())), elements.problems());
        }
        Map<String, PackOverride> allOverridable = base.map(b -> inherit(b.overridable(), overridable))
                .orElse(overridable);
        return new Read(new PolicyPack(id, name, jurisdiction, zone, fiscalYearEnd, root.childText("description"),
                file, requests,
                base.map(b -> inherit(b.rules(), rules)).orElse(rules),
                base.map(b -> inherit(b.holdReasons(), holds)).orElse(holds),
                allSettings, allPurposes, auditIdentity, allOverridable),
                Collections.unmodifiableMap(new LinkedHashMap<>(elements.sources())));
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
        elements.sources().putAll(read.sources());
        return Optional.of(read.pack());
    }

    /** The base's entries in order, each replaced by this pack's one of the same id, then this pack's new ones. */
    private static <T> Map<String, T> inherit(Map<String, T> base, Map<String, T> own) {
        Map<String, T> merged = new LinkedHashMap<>(base);
        merged.putAll(own);
        return merged;
    }

    private PackPurpose purpose(XmlElement element) {
        elements.checkShape(element, PURPOSE_ATTRIBUTES, Set.of("title", "cite", "note"));
        elements.checkOnce(element, "title", "note");
        String purposeId = elements.requireId(element, "purpose");
        return new PackPurpose(purposeId, elements.requiredText(element, "title"), elements.bool(element, "requires-consent", false),
                elements.bool(element, "written-consent", false), elements.bool(element, "information-society-service", false),
                elements.citations(element, "purpose", purposeId), element.childText("note"));
    }

    private Optional<AuditIdentity> auditIdentity(XmlElement element) {
        elements.checkShape(element, Set.of("kept-for"), Set.of("cite", "note"));
        elements.checkOnce(element, "note");
        String value = elements.required(element, "kept-for");
        List<Citation> citations = elements.citations(element, "audit-identity", "audit-identity");
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
            elements.add(PolicyMessages.invalidKeptFor(file, line(element), value,
                    String.valueOf(RetentionSpec.MAX_YEARS)));
            return Optional.empty();
        }
        return Optional.of(new AuditIdentity(period, citations, element.childText("note")));
    }

    /** Reports each route whose hold reason is not among {@code holds} (the pack's own and its base's). */

    /** Every {@code at next <name>} of the pack's rules names a setting of the pack holding a month-day. */

    private RequestPolicy requests(XmlElement root) {
        Optional<XmlElement> element = root.child("requests");
        if (element.isEmpty()) {
            return new RequestPolicy(Optional.empty(), List.of());
        }
        XmlElement requests = element.get();
        elements.checkShape(requests, Set.of("promised-within"), Set.of("cite"));
        Optional<Period> promised = requests.attribute("promised-within").flatMap(value -> {
            try {
                Period period = Period.parse(value);
                if (period.isNegative() || period.isZero()) {
                    throw new DateTimeException("not positive");
                }
                return Optional.of(period);
            } catch (DateTimeException e) {
                elements.add(PolicyMessages.invalidPromisedWithin(file, line(requests), value));
                return Optional.empty();
            }
        });
        return new RequestPolicy(promised, elements.citations(requests, "requests", "requests"));
    }

    /** Reports each of {@code names} that appears more than once in {@code element}. */

    private ZoneId zone(XmlElement root) {
        String value = elements.required(root, "zone");
        try {
            return value.isEmpty() ? ZoneId.of("UTC") : ZoneId.of(value);
        } catch (DateTimeException e) {
            elements.add(PolicyMessages.invalidZone(file, line(root), value));
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
            elements.add(PolicyMessages.invalidFiscalYearEnd(file, line(root), value));
            return MonthDay.of(12, 31);
        }
    }

    /** The enum constant named by {@code attribute}; required when {@code defaultValue} is null. */

}
