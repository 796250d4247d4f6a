// SPDX-License-Identifier: Apache-2.0
package dev.custos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generated documents live in {@code docs/} under version control; a test regenerates each and fails
 * when the checked-in copy is stale. {@code -Dcustos.docs.update=true} rewrites them instead.
 */
final class DocFiles {

    private DocFiles() {
    }

    /** The repository's root, as Maven passes it. */
    static Path projectRoot() {
        return Path.of(System.getProperty("custos.project.root", "..")).toAbsolutePath().normalize();
    }

    static void assertFresh(Path file, String expected) throws IOException {
        if (Boolean.getBoolean("custos.docs.update")) {
            // regenerating in CI would make every freshness check pass without checking anything
            assertThat(System.getenv("CI")).as("-Dcustos.docs.update=true is for developers, not CI").isNull();
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("%s is missing; run the tests with -Dcustos.docs.update=true", file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s is stale; run the tests with -Dcustos.docs.update=true and commit the result", file)
                .isEqualTo(expected);
    }

    /**
     * As {@link #assertFresh}, for the generated part of a hand-written document: {@code expected} starts with its
     * begin marker line and ends with its end marker line, and replaces what the file holds between them.
     */
    static void assertRegionFresh(Path file, String expected) throws IOException {
        String begin = expected.substring(0, expected.indexOf('\n') + 1);
        String end = expected.substring(expected.lastIndexOf('\n', expected.length() - 2) + 1);
        String current = Files.readString(file, StandardCharsets.UTF_8);
        int from = current.indexOf(begin);
        int to = current.indexOf(end, Math.max(from, 0));
        assertThat(from).as("%s has no line %s", file, begin.strip()).isNotNegative();
        assertThat(to).as("%s has no line %s after %s", file, end.strip(), begin.strip()).isNotNegative();
        assertFresh(file, current.substring(0, from) + expected + current.substring(to + end.length()));
    }
}
