// SPDX-License-Identifier: Apache-2.0
package dev.custos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Code in the documents is taken from compiled, tested sources: each region between {@code // snippet:name}
 * and {@code // end-snippet} in a test must appear in its document word for word (dedented). The tests
 * that hold the snippets run them and check their results.
 */
class SnippetsTest {

    private static final Pattern SNIPPET = Pattern.compile("// snippet:(\\S+)\\n(.*?)\\n\\s*// end-snippet",
            Pattern.DOTALL);

    @ParameterizedTest(name = "{1} shows the snippets of {0}")
    @CsvSource({
            "sdk-core/src/test/java/dev/custos/core/example/CoreGuideTest.java, docs/core-guide.md, 6",
            "sdk-jpa/src/test/java/dev/custos/jpa/guide/JpaGuideTest.java, docs/jpa-guide.md, 6",
            "sdk-jpa/src/test/java/dev/custos/jpa/request/DecisionsTest.java, docs/jpa-guide.md, 1",
            "sdk-jpa/src/test/java/dev/custos/jpa/retention/AdoptionTest.java, docs/jpa-guide.md, 1",
            "sdk-jpa/src/test/java/dev/custos/jpa/access/PurposeConsentTest.java, docs/jpa-guide.md, 1",
            "sdk-core/src/test/java/dev/custos/core/example/JournalEntry.java, README.md, 1",
            "liberty-tests/src/test/java/dev/custos/it/clinic/ClinicService.java, docs/cdi-guide.md, 1",
            "liberty-tests/src/test/java/dev/custos/it/clinic/EventLog.java, docs/cdi-guide.md, 1",
            "sdk-cdi/src/test/java/dev/custos/cdi/guide/TraineesReadOnly.java, docs/cdi-guide.md, 1",
    })
    void documentShowsEverySnippetWordForWord(String source, String document, int expected) throws Exception {
        Path root = DocFiles.projectRoot();
        String code = Files.readString(root.resolve(source), StandardCharsets.UTF_8);
        String text = Files.readString(root.resolve(document), StandardCharsets.UTF_8);
        List<String> snippets = snippets(code);
        assertThat(snippets).hasSize(expected);
        for (String snippet : snippets) {
            assertThat(text).as("%s shows\n%s", document, snippet).contains(snippet);
        }
    }

    private static List<String> snippets(String code) {
        List<String> snippets = new ArrayList<>();
        Matcher matcher = SNIPPET.matcher(code);
        while (matcher.find()) {
            List<String> lines = matcher.group(2).lines().toList();
            int indent = lines.get(0).length() - lines.get(0).stripLeading().length();
            // "// @Entity" in a source without JPA on its class path shows as "@Entity" in the document
            snippets.add(String.join("\n", lines.stream()
                    .map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
                    .map(l -> l.replaceFirst("^(\\s*)// @", "$1@"))
                    .toList()));
        }
        return snippets;
    }
}
