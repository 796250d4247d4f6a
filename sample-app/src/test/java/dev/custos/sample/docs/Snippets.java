// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regions of a source file between {@code // snippet:name} (or {@code <!-- snippet:name -->}) and
 * {@code // end-snippet} (or {@code <!-- end-snippet -->}), dedented by the first line's indent, as the documents
 * show them. The same markers as the docs module's SnippetsTest, plus the XML form for pom, server and
 * persistence files.
 */
final class Snippets {

    private static final Pattern SNIPPET = Pattern.compile(
            "(?://|<!--) snippet:(\\S+)(?: -->)?\\n(.*?)\\n\\s*(?://|<!--) end-snippet", Pattern.DOTALL);

    private Snippets() {
    }

    /** The repository's root, as the parent pom passes it to surefire. */
    static Path projectRoot() {
        return Path.of(System.getProperty("custos.project.root", "..")).toAbsolutePath().normalize();
    }

    static String read(String relativePath) {
        try {
            return Files.readString(projectRoot().resolve(relativePath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each snippet of the file by name, in file order. */
    static Map<String, String> of(String relativePath) {
        Map<String, String> snippets = new LinkedHashMap<>();
        Matcher matcher = SNIPPET.matcher(read(relativePath));
        while (matcher.find()) {
            List<String> lines = matcher.group(2).lines().toList();
            int indent = lines.get(0).length() - lines.get(0).stripLeading().length();
            snippets.put(matcher.group(1), String.join("\n", lines.stream()
                    .map(l -> l.length() >= indent && l.substring(0, indent).isBlank() ? l.substring(indent) : l.strip())
                    .toList()));
        }
        return snippets;
    }
}
