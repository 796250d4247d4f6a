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
                .append(PolicyReferenceText.CHOOSING_A_PACK);
        for (PolicyPack pack : packs) {
            pack(md, pack);
        }
        md.append(PolicyReferenceText.WRITING_A_PACK);
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
}
