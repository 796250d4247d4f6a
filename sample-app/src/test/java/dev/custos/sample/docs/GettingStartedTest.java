// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.Message;
import dev.custos.core.metadata.ModelReader;
import dev.custos.core.policy.PolicyPacks;
import dev.custos.sample.model.dk.ContactInquiry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/getting-started.md has two kinds of code. Part 1's blocks, each after a {@code <!-- file: PATH -->} line, are
 * the sources of the gym project that .ci/guide-check builds and runs on Liberty. Part 2 shows the sample clinic's
 * own code and configuration, which the sample's ITs run on Liberty: every marked snippet must appear in the guide
 * word for word, every other Java and XML block of the guide must be one of them, its SQL must be the auditor
 * guide's (tested on three databases), and the deployment error it quotes must be the one Custos reports.
 */
class GettingStartedTest {

    private static final String GUIDE = "docs/getting-started.md";

    /** Where the guide's snippets come from, and their names, so that a lost marker fails too. */
    private static final Map<String, List<String>> SOURCES = sources();

    private static Map<String, List<String>> sources() {
        Map<String, List<String>> sources = new LinkedHashMap<>();
        sources.put("sample-app/src/main/liberty/config/server.xml", List.of("sweep-schedule"));
        String java = "sample-app/src/main/java/dev/custos/sample/";
        sources.put(java + "model/JournalEntry.java", List.of("entity"));
        sources.put(java + "api/JournalResource.java", List.of("purpose"));
        sources.put(java + "api/SelfServiceResource.java", List.of("consent", "file-request"));
        sources.put(java + "api/RequestDeskResource.java", List.of("execute-request"));
        sources.put(java + "api/AuditResource.java", List.of("preview"));
        return sources;
    }

    private static final Pattern BLOCK = Pattern.compile("^```(\\w*)\\n(.*?)\\n```$",
            Pattern.DOTALL | Pattern.MULTILINE);

    /** A block of the gym project, which .ci/guide-check writes to PATH, builds and runs. */
    private static final Pattern FILE_BLOCK = Pattern.compile("^<!-- file: (\\S+) -->\\n```(\\w*)\\n(.*?)\\n```$",
            Pattern.DOTALL | Pattern.MULTILINE);

    /** The gym project's files: what a reader writes, and nothing more. */
    private static final List<String> PROJECT = List.of("pom.xml", "src/main/liberty/config/server.xml",
            "src/main/webapp/WEB-INF/web.xml", "src/main/resources/META-INF/persistence.xml",
            "src/main/java/org/example/gym/Member.java", "src/main/java/org/example/gym/GymApplication.java",
            "src/main/java/org/example/gym/MemberResource.java",
            "src/main/java/org/example/gym/CustosExceptionMapper.java");

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
    void theGuideShowsEveryFileOfItsProjectOnce() {
        Matcher block = FILE_BLOCK.matcher(Snippets.read(GUIDE));
        List<String> files = new ArrayList<>();
        while (block.find()) {
            files.add(block.group(1));
            String extension = block.group(1).substring(block.group(1).lastIndexOf('.') + 1);
            assertThat(block.group(2)).as("the language of %s's block", block.group(1)).isEqualTo(extension);
        }
        assertThat(files).as("the files of the guide's project, each after a <!-- file: PATH --> line")
                .containsExactlyInAnyOrderElementsOf(PROJECT);
        String tree = Snippets.read(GUIDE);
        for (String file : PROJECT) {
            assertThat(tree).as("the guide's project tree names %s", file)
                    .contains(file.substring(file.lastIndexOf('/') + 1));
        }
    }

    /**
     * The project's pom names this build's versions: the BOM a reader installs, and the Liberty runtime, plugin and
     * Derby that this build leaves in the local repository, so that .ci/guide-check runs offline.
     */
    @Test
    void theGuidesProjectUsesThisBuildsVersions() {
        Matcher pom = FILE_BLOCK.matcher(Snippets.read(GUIDE));
        String projectPom = null;
        while (pom.find()) {
            if (pom.group(1).equals("pom.xml")) {
                projectPom = pom.group(3);
            }
        }
        assertThat(projectPom).as("the guide's pom.xml").isNotNull();
        String build = Snippets.read("pom.xml");
        assertThat(versionOf(projectPom, "custos-bom")).as("custos-bom").isEqualTo(bomVersion());
        assertThat(versionOf(projectPom, "openliberty-runtime")).as("the Liberty runtime")
                .isEqualTo(property(build, "version.openliberty"));
        assertThat(versionOf(projectPom, "liberty-maven-plugin")).as("the Liberty plugin")
                .isEqualTo(property(build, "version.plugin.liberty"));
        for (String derby : List.of("derby", "derbyshared", "derbytools")) {
            assertThat(versionOf(projectPom, derby)).as(derby).isEqualTo(property(build, "version.derby"));
        }
        assertThat(versionOf(projectPom, "jakarta.jakartaee-api")).as("the Jakarta EE API")
                .isEqualTo(property(build, "version.jakartaee"));
    }

    private static String versionOf(String pom, String artifactId) {
        Matcher version = Pattern.compile("<artifactId>" + Pattern.quote(artifactId)
                + "</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(version.find()).as("the version of %s in the guide's pom.xml", artifactId).isTrue();
        return version.group(1);
    }

    private static String property(String pom, String name) {
        Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(value.find()).as("%s in the build's pom.xml", name).isTrue();
        return value.group(1);
    }

    @Test
    void everyOtherJavaAndXmlBlockOfTheGuideIsASnippet() {
        Map<String, String> snippets = allSnippets();
        Matcher block = BLOCK.matcher(FILE_BLOCK.matcher(Snippets.read(GUIDE)).replaceAll(""));
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
        Map<String, String> all = new LinkedHashMap<>();
        SOURCES.forEach((source, names) -> {
            Map<String, String> found = Snippets.of(source);
            assertThat(found.keySet()).as("snippet markers in %s", source).containsExactlyElementsOf(names);
            all.putAll(found);
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
