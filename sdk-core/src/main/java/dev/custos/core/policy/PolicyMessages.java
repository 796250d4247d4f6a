// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import dev.custos.core.Message;
import dev.custos.core.internal.text.Spelling;
import java.util.List;

/** Messages of the policy-pack area, ids 01200-01399 (see message-ranges.txt). */
final class PolicyMessages {

    private PolicyMessages() {
    }

    static Message unknownRule(String location, String ruleId, String packId, String knownRules) {
        return Message.of(1201, "%s: retention \"policy:%s\" names a rule that policy pack \"%s\" does not have%s;"
                + " use one of [%s], or add the rule to the pack", location, ruleId, packId,
                Spelling.hint(ruleId, List.of(knownRules.split(", "))), knownRules);
    }

    static Message unknownPack(String packId, String builtIn) {
        return Message.of(1202, "There is no policy pack \"%s\"%s: Custos ships [%s]; for another, put"
                + " META-INF/custos/packs/%s.xml on the class path or read the file with PolicyPacks.read(Path)",
                packId, Spelling.hint(packId, List.of(builtIn.split(", "))), builtIn, packId);
    }

    static Message malformedXml(String source, String line, String detail) {
        return Message.of(1203, "%s:%s: the policy pack is not well-formed XML (doctypes are not allowed): %s",
                source, line, detail);
    }

    static Message unreadable(String source, String detail) {
        return Message.of(1204, "%s: the policy pack cannot be read: %s", source, detail);
    }

    static Message wrongRoot(String source, String found) {
        return Message.of(1205, "%s: the root element is <%s>; a policy pack starts with <policy-pack>", source, found);
    }

    static Message missingAttribute(String source, String line, String element, String attribute) {
        return Message.of(1206, "%s:%s: <%s> needs the attribute %s", source, line, element, attribute);
    }

    static Message unknownAttribute(String source, String line, String element, String attribute, String allowed) {
        return Message.of(1207, "%s:%s: <%s> has no attribute %s%s; allowed are [%s]", source, line, element,
                attribute, Spelling.hint(attribute, List.of(allowed.split(", "))), allowed);
    }

    static Message unknownElement(String source, String line, String parent, String element, String allowed) {
        return Message.of(1208, "%s:%s: <%s> cannot contain <%s>%s; allowed are [%s]", source, line, parent,
                element, Spelling.hint(element, List.of(allowed.split(", "))), allowed);
    }

    static Message invalidZone(String source, String line, String value) {
        return Message.of(1209, "%s:%s: zone \"%s\" is not a time-zone id; write a region such as"
                + " \"Europe/Copenhagen\"", source, line, value);
    }

    static Message invalidFiscalYearEnd(String source, String line, String value) {
        return Message.of(1210, "%s:%s: fiscal-year-end \"%s\" is not a month and day; write MM-DD, such as \"12-31\"",
                source, line, value);
    }

    static Message invalidValue(String source, String line, String attribute, String value, String allowed) {
        return Message.of(1211, "%s:%s: %s=\"%s\" is not one of [%s]", source, line, attribute, value, allowed);
    }

    static Message invalidBoolean(String source, String line, String attribute, String value) {
        return Message.of(1212, "%s:%s: %s=\"%s\" must be \"true\" or \"false\"", source, line, attribute, value);
    }

    static Message duplicateId(String source, String line, String kind, String id) {
        return Message.of(1213, "%s:%s: %s \"%s\" is defined twice; ids must be unique within a pack", source, line,
                kind, id);
    }

    static Message unknownSource(String source, String line, String sourceId, String declared) {
        return Message.of(1214, "%s:%s: <cite source=\"%s\"> names no declared <source>; declared are [%s]", source,
                line, sourceId, declared);
    }

    static Message noCitation(String source, String line, String kind, String id) {
        return Message.of(1215, "%s:%s: %s \"%s\" has no <cite>; every rule must name the source it rests on",
                source, line, kind, id);
    }

    // 01216 retired

    static Message policyReferenceInPack(String source, String line, String ruleId, String value) {
        return Message.of(1217, "%s:%s: rule \"%s\" has retention \"%s\"; a pack rule must state a period or"
                + " \"until-consent-withdrawn\", not refer to another rule", source, line, ruleId, value);
    }

    static Message dutyWithoutExemption(String source, String line, String ruleId) {
        return Message.of(1218, "%s:%s: rule \"%s\" is a duty to keep but names no exemption; add"
                + " exemption=\"LEGAL_OBLIGATION\" (or the GDPR Art. 17(3) point that applies)", source, line, ruleId);
    }

    static Message exemptionWithoutDuty(String source, String line, String ruleId) {
        return Message.of(1219, "%s:%s: rule \"%s\" names an exemption but is not a duty to keep; add"
                + " duty-to-keep=\"true\" or remove the exemption", source, line, ruleId);
    }

    static Message dutyUntilConsent(String source, String line, String ruleId) {
        return Message.of(1220, "%s:%s: rule \"%s\" keeps data until consent is withdrawn, which cannot be a duty to"
                + " keep; remove duty-to-keep or state a period", source, line, ruleId);
    }

    static Message invalidPromisedWithin(String source, String line, String value) {
        return Message.of(1221, "%s:%s: promised-within=\"%s\" is not a positive ISO-8601 period such as \"P30D\"",
                source, line, value);
    }

    static Message invalidId(String source, String line, String kind, String id) {
        return Message.of(1222, "%s:%s: %s id \"%s\" is not a kebab-case name of at most 64 characters such"
                + " as \"journal\" or \"complaint-pending\"", source, line, kind, id);
    }

    static Message packIdMismatch(String source, String declared, String requested) {
        return Message.of(1223, "%s: the file declares pack id \"%s\" but was loaded as \"%s\"; rename the file or"
                + " fix its id", source, declared, requested);
    }

    static Message invalidPack(String source, String count) {
        return Message.of(1224, "%s: the policy pack has %s problem(s); fix them all and restart", source, count);
    }

    static Message missingText(String source, String line, String parent, String element) {
        return Message.of(1225, "%s:%s: <%s> needs a non-empty <%s>", source, line, parent, element);
    }

    static Message unverifiedWithoutNote(String source, String line, String sourceId) {
        return Message.of(1226, "%s:%s: <cite source=\"%s\" verified=\"false\"> must say in note=\"...\" what is"
                + " unverified and why", source, line, sourceId);
    }

    static Message invalidJurisdiction(String source, String line, String value) {
        return Message.of(1227, "%s:%s: jurisdiction \"%s\" is not an ISO 3166 alpha-2 code such as \"DK\"", source,
                line, value);
    }

    static Message unsupportedNamespace(String source, String found, String expected) {
        return Message.of(1229, "%s: <policy-pack> is in namespace \"%s\"; this version of Custos reads"
                + " xmlns=\"%s\"", source, found, expected);
    }

    static Message missingVerified(String source, String line, String sourceId) {
        return Message.of(1230, "%s:%s: <cite source=\"%s\"> must say whether the reference was checked against"
                + " its source: add verified=\"true\", or verified=\"false\" with a note saying what is unverified",
                source, line, sourceId);
    }

    static Message duplicatePack(String resource, String count, String locations) {
        return Message.of(1231, "%s is on the class path %s times [%s]; Custos cannot tell which copy holds the"
                + " rules that apply, so keep exactly one", resource, count, locations);
    }

    static Message invalidPackId(String packId) {
        return Message.of(1232, "\"%s\" is not a policy pack id; a pack id is a kebab-case name of at most 64"
                + " characters such as \"dk\" or"
                + " \"my-clinic\"", packId);
    }

    static Message repeatedElement(String source, String line, String parent, String element, String firstLine) {
        return Message.of(1233, "%s:%s: <%s> has a second <%s> (the first is on line %s); it may appear only once",
                source, line, parent, element, firstLine);
    }

    static Message invalidAccess(String file, String line, String rule, String value) {
        return Message.of(1250, "%s:%s: rule %s has access=\"%s\"; use \"any\" (the default) or \"assigned-caller\"",
                file, line, rule, value);
    }

    static Message invalidKeptFor(String source, String line, String value, String maxYears) {
        return Message.of(1234, "%s:%s: <audit-identity kept-for=\"%s\"> is not a positive ISO-8601 period of at"
                + " most %s years such as \"P2Y\"; a pack whose audit need not identify erased subjects leaves"
                + " the element out", source, line, value, maxYears);
    }

    static Message baseUnavailable(String source, String line, String packId, String baseId, String detail) {
        return Message.of(1251, "%s:%s: pack \"%s\" extends \"%s\", which cannot be loaded: %s", source, line, packId,
                baseId, detail);
    }

    static Message extendsCycle(String source, String line, String packId, String chain) {
        return Message.of(1252, "%s:%s: pack \"%s\" extends a pack that leads back to it (%s); a pack cannot extend"
                + " itself, directly or through another pack", source, line, packId, chain);
    }

    static Message ruleTakesNoClock(String location, String ruleId, String retention, String event) {
        return Message.of(1291, "%s runs rule \"%s\" from the clock \"%s\", but the rule's retention \"%s\" is not"
                + " a period or names another event; write \"policy:%s\" alone, or use a rule that runs from a"
                + " clock", location, ruleId, event, retention, ruleId);
    }

    static Message unknownNextDate(String file, String line, String ruleId, String day) {
        return Message.of(1292, "%s:%s: rule \"%s\" moves its due date to \"%s\", but the pack has no setting of that"
                + " name holding a month-day; add <setting name=\"%s\" value=\"--MM-DD\"> with its source", file,
                line, ruleId, day, day);
    }

    static Message notOverridable(String key, String pack, String overridable) {
        return Message.of(1293, "%s is set, but pack %s does not let a deployment change that value (it may change:"
                + " %s); remove the setting, or ship a pack of your own that states the value", key, pack, overridable);
    }

    static Message unknownOverride(String key, String pack, String overridable, String hint) {
        return Message.of(1294, "%s is set, but pack %s has no value of that name%s; it lets a deployment change: %s",
                key, pack, hint, overridable);
    }

    static Message malformedOverride(String key, String value, String expected) {
        return Message.of(1295, "%s=\"%s\" is not %s", key, value, expected);
    }

    static Message overrideOutOfLimits(String key, String value, String min, String max, String pack) {
        return Message.of(1296, "%s=\"%s\" is outside the limits pack %s allows, from %s to %s; choose a period"
                + " within them", key, value, pack, min, max);
    }

    static Message invalidOverrides(String pack, String count) {
        return Message.of(1297, "The deployment's overrides of pack %s have %s problem(s); fix them all and redeploy",
                pack, count);
    }

    static Message badOverridable(String file, String line, String name, String reason) {
        return Message.of(1298, "%s:%s: <overridable name=\"%s\"> %s", file, line, name, reason);
    }

    static Message refusalWithoutDuty(String source, String line, String ruleId) {
        return Message.of(1311, "%s:%s: rule \"%s\" has a <refusal> but no duty to keep: only a duty to keep"
                + " refuses an erasure; set duty-to-keep=\"true\" with an exemption, or remove the <refusal>",
                source, line, ruleId);
    }

    static Message unknownRouteHold(String source, String line, String ruleId, String holdId, String known) {
        return Message.of(1312, "%s:%s: the <route> of rule \"%s\" places hold reason \"%s\", which the pack does"
                + " not have%s; use one of [%s], or add a <hold-reason id=\"%s\"> with its citations", source, line,
                ruleId, holdId, Spelling.hint(holdId, List.of(known.split(", "))), known, holdId);
    }

    static Message consentAgeMissing(String source, String line, String purposes, String setting) {
        return Message.of(1281, "%s:%s: the pack names information society services (%s) but has no setting \"%s\";"
                + " add it with the age from which a child consents alone (GDPR Art. 8(1): 16, or the member state's"
                + " lower age, at least 13) and its citation", source, line, purposes, setting);
    }

    static Message invalidConsentAge(String source, String line, String setting, String value) {
        return Message.of(1282, "%s:%s: setting \"%s\" is \"%s\"; GDPR Art. 8(1) allows a whole number of years"
                + " from 13 to 16", source, line, setting, value);
    }
}
