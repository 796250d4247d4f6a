// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cdi.broken.BrokenRecord;
import dev.custos.cdi.testmodel.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unit's unlisted entities are found in its root as a JPA provider finds them, in a directory and in an archive
 * (a WAR's {@code WEB-INF/classes/}), so that the extension sees them without {@code beans.xml}.
 */
class UnitArchiveScanTest {

    @TempDir
    Path dir;

    @Test
    void aDirectoryRootYieldsTheClassesNamingACustosAnnotation() throws IOException {
        copyClass(Session.class, dir);
        copyClass(BrokenRecord.class, dir);
        copyClass(UnitArchiveScanTest.class, dir); // names no Custos annotation
        Path xml = Files.createDirectories(dir.resolve("META-INF")).resolve("persistence.xml");
        Files.writeString(xml, "<persistence/>");

        assertThat(UnitArchiveScan.candidates(xml.toUri().toURL()))
                .containsExactlyInAnyOrder(Session.class.getName(), BrokenRecord.class.getName());
    }

    @Test
    void anArchiveRootYieldsTheClassesUnderItsPrefixOnly() throws IOException {
        Path war = dir.resolve("app.war");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(war))) {
            entry(out, "WEB-INF/classes/META-INF/persistence.xml", "<persistence/>".getBytes());
            entry(out, "WEB-INF/classes/" + path(Session.class), bytes(Session.class));
            entry(out, "other/" + path(BrokenRecord.class), bytes(BrokenRecord.class));
        }
        URL jarUrl = new URL("jar:" + war.toUri() + "!/WEB-INF/classes/META-INF/persistence.xml");
        URL libertyUrl = new URL("wsjar", null, -1, war.toUri() + "!/WEB-INF/classes/META-INF/persistence.xml",
                new java.net.URLStreamHandler() {
                    @Override
                    protected java.net.URLConnection openConnection(URL u) {
                        throw new UnsupportedOperationException();
                    }
                });

        assertThat(UnitArchiveScan.candidates(jarUrl)).containsExactly(Session.class.getName());
        assertThat(UnitArchiveScan.candidates(libertyUrl)).containsExactly(Session.class.getName());
    }

    @Test
    void aWildFlyVirtualFileRootYieldsTheClassesNamingACustosAnnotation() throws IOException {
        copyClass(Session.class, dir);
        copyClass(UnitArchiveScanTest.class, dir);
        Path xml = Files.createDirectories(dir.resolve("META-INF")).resolve("persistence.xml");
        Files.writeString(xml, "<persistence/>");
        // as on WildFly: vfs:/content/app.war/WEB-INF/classes/META-INF/persistence.xml, whose file VFS.getChild gives
        org.jboss.vfs.VFS.files = uri -> uri.toString().equals(
                "vfs:/content/app.war/WEB-INF/classes/META-INF/persistence.xml") ? new VirtualFile(xml) : null;
        URL vfsUrl = new URL("vfs", null, -1, "/content/app.war/WEB-INF/classes/META-INF/persistence.xml",
                new java.net.URLStreamHandler() {
                    @Override
                    protected java.net.URLConnection openConnection(URL u) {
                        return new java.net.URLConnection(u) {
                            @Override
                            public void connect() {
                            }
                        };
                    }
                });

        assertThat(UnitArchiveScan.candidates(vfsUrl)).containsExactly(Session.class.getName());
    }

    /** The public methods of JBoss VFS's {@code VirtualFile} that the scan calls, over a directory. */
    public static final class VirtualFile {
        private final Path path;

        VirtualFile(Path path) {
            this.path = path;
        }

        public VirtualFile getParent() {
            return new VirtualFile(path.getParent());
        }

        public java.util.List<VirtualFile> getChildrenRecursively() throws IOException {
            try (java.util.stream.Stream<Path> files = Files.walk(path)) {
                return files.filter(p -> !p.equals(path)).map(VirtualFile::new).toList();
            }
        }

        public String getPathNameRelativeTo(VirtualFile parent) {
            return parent.path.relativize(path).toString().replace(java.io.File.separatorChar, '/');
        }

        public boolean isFile() {
            return Files.isRegularFile(path);
        }

        public InputStream openStream() throws IOException {
            return Files.newInputStream(path);
        }
    }

    @Test
    void aRootTheScanCannotReadYieldsNothing() throws IOException {
        assertThat(UnitArchiveScan.candidates(new URL("jar:file:/no/such.war!/lib/a.jar!/META-INF/persistence.xml")))
                .isEmpty();
        assertThat(UnitArchiveScan.candidates(dir.resolve("missing/META-INF/persistence.xml").toUri().toURL()))
                .isEmpty();
    }

    private static void entry(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private static String path(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    private static byte[] bytes(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(path(type))) {
            return in.readAllBytes();
        }
    }

    private static void copyClass(Class<?> type, Path root) throws IOException {
        Path file = root.resolve(path(type));
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes(type));
        }
    }
}
