// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import dev.custos.core.gdpr.SpecialCategoryCondition;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the policy reference, a Markdown description of policy packs for developers and auditors:
 * every rule with its period, clock, basis, duty, citations (unverified ones marked) and the model
 * clinic's wording where it differs. {@code docs/policy-reference.md} is generated with it, so the
 * document always says what the packs say. Stateless and thread-safe.
 */
public final class PolicyReference {

    private PolicyReference() {
    }

    public static String toMarkdown(List<PolicyPack> packs) {
        StringBuilder md = new StringBuilder();
        md.append("# Policy reference\n\n")
                .append("<!-- Generated from the policy packs by PolicyReferenceTest; do not edit by hand. -->\n\n")
                .append("Custos keeps legal rules as data: each policy pack is an XML file with citations. This page is\n")
                .append("generated from the packs Custos ships; a test fails when it is stale. Citations marked\n")
                .append("*unverified* were not checked against an official text and say why.\n\n")
                .append("Packs: ")
                .append(packs.stream().map(p -> "[" + p.id() + "](#pack-" + p.id() + ")").collect(Collectors.joining(", ")))
                .append(". How to write your own: [Writing a pack](#writing-a-pack).\n\n")
                .append(CHOOSING_A_PACK);
        for (PolicyPack pack : packs) {
            pack(md, pack);
        }
        md.append(WRITING_A_PACK);
        return md.toString();
    }

    private static void pack(StringBuilder md, PolicyPack pack) {
        md.append("\n<a id=\"pack-").append(pack.id()).append("\"></a>\n## ").append(pack.name())
                .append(" (`").append(pack.id()).append("`)\n\n");
        if (!pack.description().isEmpty()) {
            md.append(pack.description()).append("\n\n");
        }
        md.append("- Jurisdiction: ").append(pack.jurisdiction()).append("; time zone: `").append(pack.zone())
                .append("`; fiscal year ends: ").append(pack.fiscalYearEnd().toString().substring(2)).append('\n')
                .append("- Requests answered within: one calendar month, which may be extended once by two further"
                        + " months (GDPR Art. 12(3))")
                .append(pack.requests().promisedWithin().map(p -> ", or `" + p + "` if earlier").orElse(""))
                .append(citations(pack.requests().citations()).isEmpty() ? "" : " — " + citations(pack.requests().citations()))
                .append('\n').append(auditIdentity(pack))
                .append("\n### Retention rules\n\n")
                .append("| Rule | Data | Retention | Basis | Duty to keep | When due | Sources |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (PolicyRule rule : pack.rules().values()) {
            md.append("| `").append(rule.id()).append("` | ").append(cell(rule.title())).append(" | `")
                    .append(rule.retention()).append("` | ").append(rule.basis().citation())
                    .append(rule.condition() == SpecialCategoryCondition.NONE ? "" : "; " + rule.condition().citation())
                    .append(" | ")
                    .append(rule.dutyToKeep() ? "yes, " + rule.exemption().map(e -> e.citation()).orElse("") : "no")
                    .append(" | ").append(rule.onDue() == DueAction.REVIEW ? "review" : "erase").append(" | ")
                    .append(cell(citations(rule.citations()))).append(" |\n");
        }
        List<PolicyRule> explained = pack.rules().values().stream()
                .filter(r -> !r.seedWording().isEmpty() || !r.note().isEmpty()).toList();
        if (!explained.isEmpty()) {
            md.append("\n### Notes on the rules\n\n");
            for (PolicyRule rule : explained) {
                md.append("- **`").append(rule.id()).append("`**");
                if (!rule.seedWording().isEmpty()) {
                    md.append(" The model clinic's own policy: ").append(rule.seedWording());
                }
                if (!rule.note().isEmpty()) {
                    md.append(' ').append(rule.note());
                }
                md.append('\n');
            }
        }
        refusals(md, pack);
        if (!pack.holdReasons().isEmpty()) {
            md.append("\n### Legal hold reasons\n\n| Reason | Circumstance | Sources |\n|---|---|---|\n");
            for (HoldReason reason : pack.holdReasons().values()) {
                md.append("| `").append(reason.id()).append("` | ").append(cell(reason.title())).append(" | ")
                        .append(cell(citations(reason.citations()))).append(" |\n");
            }
        }
        if (!pack.settings().isEmpty()) {
            md.append("\n### Settings\n\n| Setting | Value | Sources | Note |\n|---|---|---|---|\n");
            for (PackSetting setting : pack.settings().values()) {
                md.append("| `").append(setting.name()).append("` | `").append(setting.value()).append("` | ")
                        .append(cell(citations(setting.citations()))).append(" | ").append(cell(setting.note()))
                        .append(" |\n");
            }
        }
        if (!pack.purposes().isEmpty()) {
            md.append("\n### Purposes\n\n| Purpose | Processing | Needs consent | Written consent |"
                    + " Information society service | Sources | Note |\n|---|---|---|---|---|---|---|\n");
            for (PackPurpose purpose : pack.purposes().values()) {
                md.append("| `").append(purpose.id()).append("` | ").append(cell(purpose.title())).append(" | ")
                        .append(purpose.consentRequired() ? "yes, whatever the data's basis" : "no").append(" | ")
                        .append(purpose.writtenConsent() ? "yes" : "no").append(" | ")
                        .append(purpose.informationSocietyService()
                                ? "yes: GDPR Art. 8, from `" + PackPurpose.DIGITAL_CONSENT_AGE + "`" : "no")
                        .append(" | ").append(cell(citations(purpose.citations()))).append(" | ")
                        .append(cell(purpose.note())).append(" |\n");
            }
        }
        if (!pack.overridable().isEmpty()) {
            md.append("\n### Values a deployment may set\n\n")
                    .append("Set with `custos.pack.override.<name>` (see [Deployment overrides](#deployment-overrides)).\n\n")
                    .append("| Name | Pack value | Limits |\n|---|---|---|\n");
            for (PackOverride value : pack.overridable().values()) {
                String own = value.name().equals(PackOverride.FISCAL_YEAR_END)
                        ? pack.fiscalYearEnd().toString().substring(2)
                        : pack.rule(value.name()).map(r -> r.retention().period().orElseThrow().toString())
                                .orElseGet(() -> pack.setting(value.name()).map(PackSetting::value).orElse(""));
                String limits = value.min().isEmpty() && value.max().isEmpty() ? "any day of the year"
                        : value.min().map(Object::toString).orElse("P0D") + " to "
                                + value.max().map(Object::toString).orElse("(none)");
                md.append("| `").append(value.name()).append("` | `").append(own).append("` | ").append(limits)
                        .append(" |\n");
            }
        }
    }

    /** The rules whose {@code <refusal>} says what a refusal cites and what route is left to the subject. */
    private static void refusals(StringBuilder md, PolicyPack pack) {
        List<PolicyRule> refusing = pack.rules().values().stream().filter(r -> r.refusal().isPresent()).toList();
        if (refusing.isEmpty()) {
            return;
        }
        md.append("\n### Refusals and routes\n\n")
                .append("An erasure refused under these rules' duty to keep cites only the sources below, and names the"
                        + " route left to the subject; starting the route (`RequestService.startRoute`) places the hold"
                        + " so that the data is kept while it runs.\n\n")
                .append("| Rule | A refusal cites | Route left to the subject | Hold while it runs |\n")
                .append("|---|---|---|---|\n");
        for (PolicyRule rule : refusing) {
            md.append("| `").append(rule.id()).append("` | ").append(cell(citations(rule.refusalCitations())))
                    .append(" | ").append(rule.route().map(r -> cell(r.text() + " — " + citations(r.citations())))
                            .orElse("none: the refusal is final under the pack"))
                    .append(" | ").append(rule.route().map(r -> "`" + r.holdReason() + "`").orElse(""))
                    .append(" |\n");
        }
    }

    private static String auditIdentity(PolicyPack pack) {
        if (pack.auditIdentity().isEmpty()) {
            return "- Audit identity after erasure: none; the subject's pseudonym key is destroyed once an erasure"
                    + " leaves nothing of the subject, so the audit trail no longer identifies the person\n";
        }
        AuditIdentity rule = pack.auditIdentity().get();
        return "- Audit identity after erasure: kept for `" + rule.keptFor() + "`, then the subject's pseudonym key is"
                + " destroyed — " + citations(rule.citations())
                + (rule.note().isEmpty() ? "" : ". " + cell(rule.note())) + "\n";
    }

    private static String citations(List<Citation> citations) {
        return citations.stream()
                .map(c -> c.source() + (c.reference().isEmpty() ? "" : " " + c.reference())
                        + (c.verified() ? "" : " (*unverified:* " + c.note() + ")"))
                .collect(Collectors.joining("; "));
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static final String CHOOSING_A_PACK = """
            Which pack to choose: `dk` and `no` are written for the two model clinics (a Danish psychology
            practice and a Norwegian therapy practice) and hold those countries' health-record and bookkeeping
            duties. Any other controller in the EU or EEA, whatever its domain (a gym, a shop, a school), starts
            from `gdpr`: the Regulation alone, with request deadlines (Art. 12(3)), the age of digital consent (16,
            Art. 8(1)), consent-based rules and the legal-claims hold, and no national duty to keep anything. Under
            any pack an attribute may state its own period (`retention = "P3Y after last-visit"`) instead of naming
            a rule of the pack; what national law makes a duty to keep goes into a pack of your own that extends
            `gdpr` ([Extending a pack](#extending-a-pack)).
            """;

    private static final String WRITING_A_PACK = """

            <a id="writing-a-pack"></a>
            ## Writing a pack

            A pack with id `xx` is the file `META-INF/custos/packs/xx.xml` on the class path (or any file read
            with `PolicyPacks.read(Path)`); select it with the `custos.pack` setting. No Custos code changes.
            The schema is `META-INF/custos/policy-pack-1.xsd` inside `sdk-core`; point your editor at it for
            completion. Custos reads the file when the application starts and reports every mistake at once,
            each with its line and a message id (see [errors](errors.md), ids 01200-01399).

            ```xml
            <policy-pack xmlns="urn:custos:policy-pack:1" id="xx" jurisdiction="SE" zone="Europe/Stockholm"
                         fiscal-year-end="12-31">
              <name>Sweden</name>
              <source id="gdpr" title="Regulation (EU) 2016/679 (GDPR)"/>
              <source id="bfl" title="Bokföringslagen (1999:1078)"/>
              <requests promised-within="P30D">            <!-- optional: a promise shorter than the legal month -->
                <cite source="gdpr" ref="Art. 12(3)" verified="true"/>
              </requests>
              <rule id="bookkeeping" basis="LEGAL_OBLIGATION" retention="P7Y after fiscal-year-end"
                    duty-to-keep="true" exemption="LEGAL_OBLIGATION">
                <title>Accounting records</title>
                <cite source="bfl" ref="7 kap. 2 §" verified="false" note="not checked against the official text"/>
              </rule>
              <hold-reason id="legal-claims">
                <title>A legal claim is pending</title>
                <cite source="gdpr" ref="Art. 17(3)(e)" verified="true"/>
              </hold-reason>
              <overridable name="fiscal-year-end"/>        <!-- optional: a value a deployment may set -->
            </policy-pack>
            ```

            | Attribute | Meaning |
            |---|---|
            | `retention` | `P5Y` (from the record's anchor), `P1Y after last-purchase` (from a named anchor event or derived clock), `P5Y after fiscal-year-end` (optionally `of <event>`), or `until-consent-withdrawn`; a period may end in `at next --01-31` or `at next <setting>` (see [Retention grammar](#retention-grammar)) |
            | `basis`, `condition` | the GDPR Art. 6(1) basis and Art. 9(2) condition the law gives (enum names, as in `LegalBasis` and `SpecialCategoryCondition`); an entity field using the rule must declare the same basis |
            | `duty-to-keep`, `exemption` | whether keeping the data until the period ends is a legal duty, which refuses erasure requests meanwhile, and the GDPR Art. 17(3) point that says so |
            | `on-due` | `ERASE` (default): the sweep erases due data; `REVIEW`: it lists due data for a person to decide |
            | `cite` | a source declared with `<source>`, the place in it (`ref`), and the required `verified`: `"true"` when the reference was checked against the source, `"false"` with a `note` saying what was not checked |
            | `overridable` | optional, last: `name` is `fiscal-year-end`, a setting whose value is a day of the year (`--01-31`), or a rule with a period, with `min` and `max` periods for a rule; a deployment may then set that value (see [Deployment overrides](#deployment-overrides)) |
            | `audit-identity` | optional, after the hold reasons: `kept-for="P2Y"` keeps an erased subject's pseudonym key, and so the audit trail's link to the person, for that period after the erasure (the retention sweep destroys it then), with the `cite`s that require it and an optional `note`; without it the key is destroyed at erasure |
            | `purpose` | after the settings: what the law attaches to processing for a purpose named as the model names it (`@PersonalData(purpose = ...)`), whatever the data's basis: `requires-consent="true"` checks every read and write for the purpose against the consent ledger, `written-consent="true"` refuses a consent recorded without written evidence, `information-society-service="true"` refuses a consent without an age band at or above the `digital-consent-age` setting or a parental authorisation (GDPR Art. 8; `CUSTOS-02033`, `CUSTOS-02034`); with a `title`, `cite`s and an optional `note`. A pack with an information society service needs a `digital-consent-age` from 13 to 16 (`CUSTOS-01281`, `CUSTOS-01282`) |
            | `refusal` | optional, after `note`, only with `duty-to-keep`: the `cite`s an erasure refusal names instead of all of the rule's (the duty and the Art. 17(3) point, say), and an optional `<route hold="...">` with a `<text>` and its `cite`s: what the subject can still do to have the data deleted, and the hold reason (of the pack or its base) that starting the route places; a route naming an unknown hold reason is refused (`CUSTOS-01312`), a refusal without a duty too (`CUSTOS-01311`) |
            | `seed`, `note` | where the controller's own policy differs from the law, the bare difference (period, clock, basis) in your own words; and anything else an auditor needs. Each appears at most once per rule |

            <a id="extending-a-pack"></a>
            ### Extending a pack

            A controller's own pack usually starts from `gdpr` and adds what its national law requires. With
            `extends="gdpr"` the pack has everything `gdpr` has, may cite its sources (here `gdpr`) without
            declaring them, and adds its own sources, settings, purposes, rules and hold reasons; one with the id of an
            inherited one replaces it, which is how a country that lowered the age of digital consent says so.
            `<requests>`, `<audit-identity>` and `fiscal-year-end` replace the inherited ones when the pack states
            them. `name`, `jurisdiction` and `zone` are always the pack's own. The base is any pack on the class
            path, built in or your own, which may itself extend another; a pack that leads back to itself is
            refused (`CUSTOS-01252`), and a base that cannot be loaded is reported with the line that names it
            (`CUSTOS-01251`).

            ```xml
            <policy-pack xmlns="urn:custos:policy-pack:1" id="gym" extends="gdpr" jurisdiction="SE"
                         zone="Europe/Stockholm">
              <name>Sweden: a gym's members</name>
              <source id="bfl" title="Bokföringslagen (1999:1078)"/>
              <source id="dsl" title="Lag (2018:218) med kompletterande bestämmelser till EU:s dataskyddsförordning"/>
              <setting name="digital-consent-age" value="13">
                <cite source="dsl" ref="2 kap. 4 §" verified="false" note="not checked against the official text"/>
                <cite source="gdpr" ref="Art. 8(1)" verified="true"/>
              </setting>
              <rule id="bookkeeping" basis="LEGAL_OBLIGATION" retention="P7Y after fiscal-year-end"
                    duty-to-keep="true" exemption="LEGAL_OBLIGATION">
                <title>Membership fees and invoices</title>
                <cite source="bfl" ref="7 kap. 2 §" verified="false" note="not checked against the official text"/>
                <cite source="gdpr" ref="Art. 6(1)(c), Art. 17(3)(b)" verified="true"/>
              </rule>
              <rule id="membership" basis="CONTRACT" retention="P1Y after membership-end">
                <title>Members' contact details and visits</title>
                <cite source="gdpr" ref="Art. 6(1)(b)" verified="true"/>
              </rule>
            </policy-pack>
            ```

            Under this pack `policy:newsletter` and the `legal-claims` hold come from `gdpr`, `policy:bookkeeping`
            and `policy:membership` from the pack itself, and `digital-consent-age` is 13.
            
            <a id="retention-grammar"></a>
            ### Retention grammar

            The same grammar is written in a pack's `retention` and in `@PersonalData(retention = ...)`:

            | Form | Meaning |
            |---|---|
            | `P5Y` | an ISO-8601 period (years, months, weeks, days) from the row's only clock |
            | `P1Y after last-purchase` | from the clock of the named event: a `@RetentionAnchor(event = ...)` attribute or a `@DerivedClock(event = ...)` of the entity |
            | `P5Y after fiscal-year-end` | from the first day after the end of the fiscal year that holds the clock's date |
            | `P5Y after fiscal-year-end of invoice-date` | the same, from the named clock (an entity with several clocks names one in every rule) |
            | `P3Y after last-visit at next --01-31` | at the start of the first 31 January (in the pack's zone) that does not come before the period's end: "deleted at the next yearly review" |
            | `P0D after unsubscribed at next privacy-review-day` | the same, on the day the pack's setting `privacy-review-day` holds (`--MM-DD`); the pack may let a deployment set its own day |
            | `until-consent-withdrawn` | while consent for the data's purposes stands |
            | `policy:journal` | (annotations only) the pack's rule `journal` |
            | `policy:bookkeeping of invoice-date` | (annotations only) the pack's rule, run from the named clock, for an entity with several clocks; the rule must be a period that names no other event (`CUSTOS-01291`) |

            A setting named by `at next` must exist and hold a day of the year: `CUSTOS-01292` in a pack,
            `CUSTOS-01062` in an annotation; a malformed day is `CUSTOS-01130`.

            <a id="deployment-overrides"></a>
            ### Deployment overrides

            Some values are the controller's to choose, within what the law allows: its fiscal year's end, the day
            of its yearly privacy review, how long it keeps job applications. A pack marks them with
            `<overridable>` (last in the file), and a deployment sets them with `custos.pack.override.<name>`:
            a persistence-unit property, or under CDI a MicroProfile Config setting (or system property), which
            wins over the unit's property of the same name.

            The example pack above lets a deployment set its fiscal year's end with
            `<overridable name="fiscal-year-end"/>`; `<overridable name="privacy-review-day"/>` offers a setting
            holding a day of the year, and `<overridable name="job-applicant" min="P0D" max="P3Y"/>` a rule's
            period within limits.

            ```properties
            custos.pack.override.fiscal-year-end=06-30
            custos.pack.override.job-applicant=P1Y
            ```

            A rule's override replaces its period and keeps its clock (`P1Y after recruitment-end`). The unit does
            not start when an override names a value the pack does not let be overridden (`CUSTOS-01293`), a
            name the pack does not have (`CUSTOS-01294`, with the nearest name), a malformed value
            (`CUSTOS-01295`) or a period outside the limits (`CUSTOS-01296`); all are reported together under
            `CUSTOS-01297`. An `<overridable>` that names nothing overridable, or whose limits leave out the
            pack's own value, is a mistake in the pack (`CUSTOS-01298`).
            """;
}
