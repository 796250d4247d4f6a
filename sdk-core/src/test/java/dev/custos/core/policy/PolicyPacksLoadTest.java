// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding a pack on the class path: exactly one copy, under a name that is safe in a resource path. */
class PolicyPacksLoadTest {

    private static final String PACK = """
            <policy-pack xmlns="urn:custos:policy-pack:1" id="dup" jurisdiction="DK" zone="Europe/Copenhagen">
              <name>%s</name>
              <source id="law" title="Some law"/>
              <rule id="r" basis="CONTRACT" retention="P1Y after last-purchase">
                <title>Customers</title>
                <cite source="law" ref="§ 1" verified="true"/>
              </rule>
            </policy-pack>
            """;

    @TempDir
    Path first;

    @TempDir
    Path second;

    @ParameterizedTest
    @ValueSource(strings = {"../dk", "packs/dk", "DK", "dk.xml", "", " dk", "dk/../no"})
    void anIdThatIsNotAKebabCaseNameIsRefusedBeforeItBecomesAPath(String id) {
        CustosException e = catchThrowableOfType(CustosException.class, () -> PolicyPacks.load(id));
        assertThat(e).isNotNull();
        assertThat(e.messageId()).isEqualTo("CUSTOS-01232");
        assertThat(e.getMessage()).contains("\"" + id + "\"").contains("kebab-case");
    }

    @Test
    void twoCopiesOfAPackOnTheClassPathAreRefused() throws IOException {
        URL one = packDirectory(first, "First copy");
        URL two = packDirectory(second, "Second copy");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {one, two}, getClass().getClassLoader())) {
            CustosException e = withContextLoader(loader, "dup");
            assertThat(e).isNotNull();
            assertThat(e.messageId()).isEqualTo("CUSTOS-01231");
            assertThat(e.getMessage()).contains("META-INF/custos/packs/dup.xml is on the class path 2 times")
                    .contains(first.toString()).contains(second.toString());
        }
    }

    @Test
    void theSameCopySeenThroughTwoLoadersIsOne() throws IOException {
        URL one = packDirectory(first, "Only copy");
        try (URLClassLoader parent = new URLClassLoader(new URL[] {one}, getClass().getClassLoader());
             URLClassLoader child = new URLClassLoader(new URL[] {one}, parent)) {
            assertThat(withContextLoader(child, "dup")).isNull();
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(child);
            try {
                assertThat(PolicyPacks.load("dup").name()).isEqualTo("Only copy");
                // the built-in pack is seen through the context loader's parent and through Custos' own
                assertThat(PolicyPacks.load("dk").id()).isEqualTo("dk");
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        }
    }

    @Test
    void aPackOnlyTheContextLoaderSeesIsFound() throws IOException {
        URL one = packDirectory(first, "Context copy");
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {one}, null)) {
            assertThat(withContextLoader(isolated, "dup")).isNull();
        }
    }

    @Test
    void anAbsentPackIsStillUnknown() {
        CustosException e = catchThrowableOfType(CustosException.class, () -> PolicyPacks.load("no-such-pack"));
        assertThat(e.messageId()).isEqualTo("CUSTOS-01202");
        assertThat(e.getMessage()).doesNotContain("did you mean");
    }

    @Test
    void aMisspeltPackIdIsAnsweredWithTheNearestBuiltInPack() {
        CustosException e = catchThrowableOfType(CustosException.class, () -> PolicyPacks.load("nb"));
        assertThat(e.messageId()).isEqualTo("CUSTOS-01202");
        assertThat(e.getMessage()).contains("There is no policy pack \"nb\" (did you mean \"no\"?)");
    }

    private static URL packDirectory(Path root, String name) throws IOException {
        Path file = root.resolve(PolicyPacks.RESOURCE_PREFIX + "dup.xml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, PACK.formatted(name), StandardCharsets.UTF_8);
        return root.toUri().toURL();
    }

    /** Loads {@code id} with {@code loader} as the context class loader; the exception, or null. */
    private static CustosException withContextLoader(ClassLoader loader, String id) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            PolicyPacks.load(id);
            return null;
        } catch (CustosException e) {
            return e;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
