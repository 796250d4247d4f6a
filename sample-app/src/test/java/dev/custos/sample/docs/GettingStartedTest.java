// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.Message;
import dev.custos.core.metadata.ModelReader;
import dev.custos.core.policy.PolicyPacks;
import dev.custos.sample.model.dk.ContactInquiry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/getting-started.md shows the sample clinic's own code and configuration, which the sample's ITs run on
 * Liberty: every marked snippet must appear in the guide word for word, every Java and XML block of the guide must
 * be one of them, its SQL must be the auditor guide's (tested on three databases), and the deployment error it
 * quotes must be the one Custos reports.
 */
class GettingStartedTest {

    private static final String GUIDE = "docs/getting-started.md";

    /** Where the guide's snippets come from, and their names, so that a lost marker fails too. */
    private static final Map<String, List<String>> SOURCES = sources();

    private static Map<String, List<String>> sources() {
        Map<String, List<String>> sources = new LinkedHashMap<>();
        sources.put("pom.xml", List.of("bom"));
        sources.put("sample-app/pom.xml", List.of("dependency"));
        sources.put("sample-app/src/main/liberty/config/server.xml",
                List.of("features", "web-application", "sweep-schedule"));
        sources.put("sample-app/src/main/resources/META-INF/persistence.xml", List.of("persistence-unit"));
        String java = "sample-app/src/main/java/dev/custos/sample/";
        sources.put(java + "model/JournalEntry.java", List.of("entity"));
        sources.put(java + "api/JournalResource.java", List.of("purpose"));
        sources.put(java + "api/ProblemMapper.java", List.of("refusal"));
        sources.put(java + "api/SelfServiceResource.java", List.of("consent", "file-request"));
        sources.put(java + "api/RequestDeskResource.java", List.of("execute-request"));
        sources.put(java + "api/AuditResource.java", List.of("preview"));
        return sources;
    }

    private static final Pattern BLOCK = Pattern.compile("^```(\\w*)\\n(.*?)\\n```$",
            Pattern.DOTALL | Pattern.MULTILINE);

    @Test
    void theGuideShowsEverySnippetWordForWord() {
        String guide = Snippets.read(GUIDE);
        for (Map.Entry<String, String> snippet : allSnippets().entrySet()) {
            assertThat(guide.contains(snippet.getValue()))
                    .as("%s no longer shows snippet '%s' word for word; copy it from its source:%n%s",
                            GUIDE, snippet.getKey(), snippet.getValue()).isTrue();
        }
    }

    @Test
    void everyJavaAndXmlBlockOfTheGuideIsASnippet() {
        Map<String, String> snippets = allSnippets();
        Matcher block = BLOCK.matcher(Snippets.read(GUIDE));
        int checked = 0;
        while (block.find()) {
            String language = block.group(1);
            if (language.equals("java") || language.equals("xml")) {
                assertThat(snippets.containsValue(block.group(2))).as("%s has a %s block that is no snippet of the"
                        + " sample's sources (mark the code in its source with snippet:name ... end-snippet):%n%s",
                        GUIDE, language, block.group(2)).isTrue();
                checked++;
            }
        }
        assertThat(checked).as("Java and XML blocks in %s", GUIDE).isEqualTo(snippets.size());
    }

    @Test
    void theGuidesSqlIsTheAuditorGuidesTestedQuery() {
        String auditorGuide = Snippets.read("docs/auditor-guide.md");
        Matcher block = BLOCK.matcher(Snippets.read(GUIDE));
        int queries = 0;
        while (block.find()) {
            if (block.group(1).equals("sql")) {
                assertThat(auditorGuide.contains(block.group(2))).as("the query in %s must be one of"
                        + " docs/auditor-guide.md (whose queries the docs module runs):%n%s", GUIDE, block.group(2))
                        .isTrue();
                queries++;
            }
        }
        assertThat(queries).as("SQL blocks in %s", GUIDE).isPositive();
    }

    @Test
    void everyMessageIdOfTheGuideIsInTheCatalogue() {
        String catalogue = Snippets.read("docs/errors.md");
        Matcher id = Pattern.compile("CUSTOS-\\d{5}").matcher(Snippets.read(GUIDE));
        while (id.find()) {
            assertThat(catalogue.contains("| " + id.group() + " |"))
                    .as("%s names %s, which docs/errors.md does not list", GUIDE, id.group()).isTrue();
        }
    }

    @Test
    void everyLinkOfTheGuideLeadsToAFile() {
        Matcher link = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)").matcher(Snippets.read(GUIDE));
        int links = 0;
        while (link.find()) {
            assertThat(Snippets.projectRoot().resolve("docs").resolve(link.group(1)))
                    .as("%s links to %s", GUIDE, link.group(1)).exists();
            links++;
        }
        assertThat(links).as("links in %s", GUIDE).isPositive();
    }

    /** The guide's example of a wrong annotation: a Danish entity listed in the Norwegian unit. */
    @Test
    void theDeploymentErrorIsTheOneCustosReports() {
        CustosDefinitionException thrown = catchThrowableOfType(CustosDefinitionException.class,
                () -> ModelReader.read(List.of(ContactInquiry.class), c -> "DanishContactInquiry",
                        PolicyPacks.load("no")));
        assertThat(thrown).as("dev.custos.sample.model.dk.ContactInquiry under the Norwegian pack").isNotNull();
        assertThat(thrown.problems()).extracting(Message::code).containsOnly("CUSTOS-01201").hasSize(2);
        String guide = Snippets.read(GUIDE);
        for (Message problem : thrown.problems()) {
            assertThat(guide.contains(problem.toString()))
                    .as("%s quotes the deployment error word for word:%n%s", GUIDE, problem).isTrue();
        }
    }

    private static Map<String, String> allSnippets() {
        String bomVersion = bomVersion();
        Map<String, String> all = new LinkedHashMap<>();
        SOURCES.forEach((source, names) -> {
            Map<String, String> found = Snippets.of(source);
            assertThat(found.keySet()).as("snippet markers in %s", source).containsExactlyElementsOf(names);
            // the build imports the BOM at its own version; an application names the release
            found.forEach((name, text) -> all.put(name, text.replace("${project.version}", bomVersion)));
        });
        return all;
    }

    private static String bomVersion() {
        Matcher version = Pattern.compile("<artifactId>custos-bom</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Snippets.read("bom/pom.xml"));
        assertThat(version.find()).as("custos-bom's version in bom/pom.xml").isTrue();
        return version.group(1);
    }
}
