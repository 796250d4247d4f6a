// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static dev.custos.core.policy.PackElements.line;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.gdpr.ErasureExemption;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.gdpr.SpecialCategoryCondition;
import dev.custos.core.internal.xml.XmlElement;
import dev.custos.core.retention.RetentionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a pack's {@code <rule>} elements, with their retention and refusal, into {@link PolicyRule}s, and checks
 * the hold reasons their refusal routes name once the pack's hold reasons are known.
 */
final class PackRuleReader {

    private static final Set<String> RULE_ATTRIBUTES =
            Set.of("id", "basis", "condition", "retention", "duty-to-keep", "exemption", "on-due", "access");
    private static final Set<String> RULE_CHILDREN = Set.of("title", "cite", "seed", "note", "refusal");

    private final String file;
    private final PackElements elements;
    /** The hold reasons that routes name, checked once the pack's hold reasons are known. */
    private final List<RouteHold> routeHolds = new ArrayList<>();

    private record RouteHold(String ruleId, String holdId, String line) {
    }

    PackRuleReader(String file, PackElements elements) {
        this.file = file;
        this.elements = elements;
    }

    Optional<PolicyRule> rule(XmlElement element) {
        elements.checkShape(element, RULE_ATTRIBUTES, RULE_CHILDREN);
        elements.checkOnce(element, "title", "seed", "note", "refusal");
        String ruleId = elements.requireId(element, "rule");
        String title = elements.requiredText(element, "title");
        LegalBasis basis = elements.enumValue(element, "basis", LegalBasis.class, null);
        SpecialCategoryCondition condition =
                elements.enumValue(element, "condition", SpecialCategoryCondition.class, SpecialCategoryCondition.NONE);
        boolean duty = elements.bool(element, "duty-to-keep", false);
        ErasureExemption exemption = elements.enumValue(element, "exemption", ErasureExemption.class, null);
        DueAction onDue = elements.enumValue(element, "on-due", DueAction.class, DueAction.ERASE);
        String accessValue = element.attribute("access").orElse("any");
        RuleAccess access = switch (accessValue) {
            case "any" -> RuleAccess.ANY;
            case "assigned-caller" -> RuleAccess.ASSIGNED_CALLER;
            default -> null;
        };
        if (access == null) {
            elements.add(PolicyMessages.invalidAccess(file, line(element), ruleId, accessValue));
        }
        List<Citation> citations = elements.citations(element, "rule", ruleId);
        RetentionSpec retention = retention(element, ruleId);
        // an exemption that is present but invalid has already been reported (CUSTOS-01211); do not also
        // claim that the rule "names no exemption"
        if (duty && exemption == null && element.attribute("exemption").isEmpty()) {
            elements.add(PolicyMessages.dutyWithoutExemption(file, line(element), ruleId));
        }
        if (!duty && exemption != null) {
            elements.add(PolicyMessages.exemptionWithoutDuty(file, line(element), ruleId));
        }
        if (duty && retention != null && retention.kind() == RetentionSpec.Kind.UNTIL_CONSENT_WITHDRAWN) {
            elements.add(PolicyMessages.dutyUntilConsent(file, line(element), ruleId));
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
        elements.checkShape(element, Set.of(), Set.of("cite", "route"));
        elements.checkOnce(element, "route");
        if (!duty) {
            elements.add(PolicyMessages.refusalWithoutDuty(file, line(element), ruleId));
        }
        List<Citation> citations = elements.citations(element, "refusal", ruleId);
        Optional<Route> route = element.child("route").map(r -> {
            elements.checkShape(r, Set.of("hold"), Set.of("text", "cite"));
            elements.checkOnce(r, "text");
            String hold = elements.required(r, "hold");
            if (!hold.isEmpty()) {
                routeHolds.add(new RouteHold(ruleId, hold, line(r)));
            }
            return new Route(elements.requiredText(r, "text"), elements.citations(r, "route", ruleId), hold);
        });
        return new Refusal(citations, route);
    }

    void checkRouteHolds(Map<String, HoldReason> holds) {
        for (RouteHold hold : routeHolds) {
            if (!holds.containsKey(hold.holdId())) {
                elements.add(PolicyMessages.unknownRouteHold(file, hold.line(), hold.ruleId(), hold.holdId(),
                        String.join(", ", holds.keySet())));
            }
        }
    }

    private RetentionSpec retention(XmlElement element, String ruleId) {
        String value = elements.required(element, "retention");
        if (value.isEmpty()) {
            return null;
        }
        try {
            RetentionSpec spec = RetentionSpec.parse(value, "rule \"" + ruleId + "\"");
            if (spec.kind() == RetentionSpec.Kind.POLICY_RULE) {
                elements.add(PolicyMessages.policyReferenceInPack(file, line(element), ruleId, value));
                return null;
            }
            return spec;
        } catch (CustosException e) {
            // keep the retention message's own id: it says exactly what is wrong with the value
            elements.add(new Message(e.detail().id(), file + ":" + element.line() + ": " + e.detail().text()));
            return null;
        }
    }
}
