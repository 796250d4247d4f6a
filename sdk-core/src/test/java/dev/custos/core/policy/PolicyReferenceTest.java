// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy reference says what the packs say; docs' GeneratedDocumentsTest keeps the file fresh. */
class PolicyReferenceTest {

    private static final List<PolicyPack> SHIPPED = PolicyPacks.BUILT_IN.stream().map(PolicyPacks::load).toList();

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
        assertThat(md).contains("*unverified:*", "## Writing a pack");
    }
}
