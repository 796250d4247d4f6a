// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The policy reference says what the packs say; docs' GeneratedDocumentsTest keeps the file fresh. */
class PolicyReferenceTest {

    private static final List<PolicyPack> SHIPPED = PolicyPacks.BUILT_IN.stream().map(PolicyPacks::load).toList();

    private static final Pattern XML_BLOCK =
            Pattern.compile("^```xml\\n(.*?)\\n```$", Pattern.DOTALL | Pattern.MULTILINE);

    /** The XML blocks of the reference: example packs a reader copies. */
    static List<String> examplePacks() {
        List<String> examples = new ArrayList<>();
        Matcher block = XML_BLOCK.matcher(PolicyReference.toMarkdown(SHIPPED));
        while (block.find()) {
            examples.add(block.group(1));
        }
        return examples;
    }

    @Test
    void referenceListsEveryRuleWithItsRetentionAndSources() {
        String md = PolicyReference.toMarkdown(SHIPPED);
        for (PolicyPack pack : SHIPPED) {
            assertThat(md).contains("## " + pack.name() + " (`" + pack.id() + "`)", "`" + pack.zone() + "`");
            for (PolicyRule rule : pack.ruleList()) {
                assertThat(md).contains("| `" + rule.id() + "` | ", "`" + rule.retention() + "`");
                rule.citations().forEach(c -> assertThat(md).contains(c.source()));
            }
        }
        assertThat(md).contains("*unverified:*", "## Writing a pack", "### Extending a pack");
    }

    @Test
    void referenceNamesGdprAsTheStartingPointOutsideTheClinicsCountries() {
        String md = PolicyReference.toMarkdown(SHIPPED);
        assertThat(md).contains("starts\nfrom `gdpr`").contains("extends\n`gdpr`");
        assertThat(md.indexOf("(`gdpr`)")).as("the gdpr pack comes first").isLessThan(md.indexOf("(`dk`)"));
    }

    @Test
    void theExamplePacksReadAsTheReferenceSays() {
        List<PolicyPack> examples = examplePacks().stream()
                .map(xml -> PolicyPacks.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                        "example.xml"))
                .toList();
        assertThat(examples).extracting(PolicyPack::id).containsExactly("xx", "gym");

        // what the text under the extending example promises
        PolicyPack gym = examples.get(1);
        PolicyPack gdpr = PolicyPacks.load("gdpr");
        assertThat(gym.rule("newsletter")).isEqualTo(gdpr.rule("newsletter"));
        assertThat(gym.holdReason("legal-claims")).isEqualTo(gdpr.holdReason("legal-claims"));
        assertThat(gym.rules().keySet()).containsExactly("newsletter", "explicit-consent", "bookkeeping",
                "membership");
        assertThat(gym.setting("digital-consent-age").orElseThrow().value()).isEqualTo("13");
        assertThat(gym.jurisdiction()).isEqualTo("SE");
        assertThat(gym.requests()).isEqualTo(gdpr.requests());
    }
}
