// SPDX-License-Identifier: Apache-2.0
package dev.custos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cdi.ProcessingPurpose;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/annotations.md must document every annotation of {@code dev.custos.core.annotation} and
 * {@code @ProcessingPurpose}, each under a heading {@code ## @Name}, with a table row per attribute whose
 * default is the code's; and every message id it names must exist.
 */
class AnnotationReferenceTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z]+)` \\| `([^`]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

    private static String document() throws Exception {
        return Files.readString(DocFiles.projectRoot().resolve("docs/annotations.md"), StandardCharsets.UTF_8);
    }

    /** Every annotation type compiled into sdk-core's annotation package, and sdk-cdi's @ProcessingPurpose. */
    static List<Class<?>> annotations() throws Exception {
        List<Class<?>> types = new ArrayList<>();
        Path folder = DocFiles.projectRoot().resolve("sdk-core/target/classes/dev/custos/core/annotation");
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class")) {
                    Class<?> type = Class.forName("dev.custos.core.annotation." + name.replace(".class", ""));
                    if (type.isAnnotation()) {
                        types.add(type);
                    }
                }
            }
        }
        assertThat(types).as("annotations in %s", folder).hasSizeGreaterThanOrEqualTo(5);
        types.add(ProcessingPurpose.class);
        return types;
    }

    /** The section under {@code ## @Name}, up to the next level-2 heading. */
    private static String section(String document, Class<?> annotation) {
        String heading = "\n## @" + annotation.getSimpleName() + "\n";
        int start = document.indexOf(heading);
        assertThat(start).as("docs/annotations.md has a heading ## @%s", annotation.getSimpleName())
                .isNotNegative();
        int end = document.indexOf("\n## ", start + heading.length());
        return document.substring(start, end < 0 ? document.length() : end);
    }

    @Test
    void everyAttributeIsDocumentedWithTheCodesDefault() throws Exception {
        String document = document();
        for (Class<?> annotation : annotations()) {
            String section = section(document, annotation);
            Map<String, String[]> documented = new LinkedHashMap<>();
            Matcher row = ROW.matcher(section);
            while (row.find()) {
                documented.put(row.group(1), new String[] {row.group(2), row.group(3).strip()});
            }
            Map<String, String[]> actual = new LinkedHashMap<>();
            for (Method attribute : annotation.getDeclaredMethods()) {
                actual.put(attribute.getName(), new String[] {type(attribute.getReturnType()),
                        defaultText(attribute.getDefaultValue())});
            }
            assertThat(documented.keySet()).as("attributes of @%s documented", annotation.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(actual.keySet());
            if (actual.isEmpty()) {
                assertThat(section).as("@%s says it has none", annotation.getSimpleName())
                        .contains("It has no attributes.");
            }
            for (Map.Entry<String, String[]> entry : actual.entrySet()) {
                assertThat(documented.get(entry.getKey()))
                        .as("type and default of @%s.%s", annotation.getSimpleName(), entry.getKey())
                        .containsExactly(entry.getValue());
            }
        }
    }

    @Test
    void everyMessageIdNamedExists() throws Exception {
        String catalogue = Files.readString(DocFiles.projectRoot().resolve("docs/errors.md"), StandardCharsets.UTF_8);
        Matcher id = Pattern.compile("CUSTOS-\\d{5}").matcher(document());
        int count = 0;
        while (id.find()) {
            count++;
            assertThat(catalogue).as("docs/errors.md lists %s", id.group()).contains("| " + id.group() + " |");
        }
        assertThat(count).isGreaterThan(20);
    }

    private static String type(Class<?> type) {
        return type.isArray() ? type.getComponentType().getSimpleName() + "[]" : type.getSimpleName();
    }

    /** The default as the document writes it: {@code (required)}, or the value in backticks. */
    private static String defaultText(Object value) {
        if (value == null) {
            return "(required)";
        }
        String text;
        if (value instanceof String s) {
            text = "\"" + s + "\"";
        } else if (value.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(String.valueOf(Array.get(value, i)));
            }
            text = "{" + String.join(", ", items) + "}";
        } else {
            text = String.valueOf(value);
        }
        return "`" + text + "`";
    }
}
