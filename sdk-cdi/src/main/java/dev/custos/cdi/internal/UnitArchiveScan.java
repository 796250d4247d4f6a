// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The names of the classes in a persistence unit's root (the directory or archive holding its
 * {@code META-INF/persistence.xml}) that carry a Custos annotation, found as a JPA provider finds entities. An
 * archive in annotated discovery mode (no {@code beans.xml}, or an empty one) hides entities from CDI; this lets
 * the extension check them at deployment all the same, so a wrong annotation fails the deployment the same way
 * with or without {@code beans.xml}. Only class files naming a Custos annotation type are loaded (a byte search of
 * the constant pool), and only a plain directory, a top-level archive or a root in WildFly's virtual file system
 * ({@code vfs:}) is read: a root the scan cannot read (a jar nested in an archive, a protocol it does not know) is
 * left to the check at unit start.
 */
final class UnitArchiveScan {

    private static final String PERSISTENCE_XML = "META-INF/persistence.xml";
    private static final byte[] CUSTOS_ANNOTATION = "Ldev/custos/core/annotation/".getBytes(StandardCharsets.UTF_8);

    private UnitArchiveScan() {
    }

    /** The candidate class names in the root of the unit whose {@code persistence.xml} is {@code persistenceXml}. */
    static List<String> candidates(URL persistenceXml) {
        String url = persistenceXml.toString();
        if (!url.endsWith(PERSISTENCE_XML)) {
            return List.of();
        }
        String root = url.substring(0, url.length() - PERSISTENCE_XML.length());
        try {
            if (root.startsWith("vfs:")) {
                return fromVirtualFile(persistenceXml);
            }
            int separator = root.indexOf("!/");
            if (separator < 0 && root.startsWith("file:")) {
                return fromDirectory(Paths.get(new URL(root).toURI()));
            }
            if (separator > 0 && root.indexOf("!/", separator + 2) < 0) {
                // jar:file:/app.war!/WEB-INF/classes/ (or Liberty's wsjar:): one archive, entries under a prefix
                String archive = root.substring(root.indexOf("file:"), separator);
                return fromArchive(Paths.get(new URL(archive).toURI()), root.substring(separator + 2));
            }
        } catch (IOException | URISyntaxException | ReflectiveOperationException | RuntimeException e) {
            return List.of(); // unreadable here: the unit start checks every entity from the metamodel
        }
        return List.of();
    }

    private static List<String> fromDirectory(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                if (namesCustosAnnotation(Files.readAllBytes(file))) {
                    names.add(className(root.relativize(file).toString().replace(file.getFileSystem()
                            .getSeparator(), "/")));
                }
            }
        }
        return names;
    }

    private static List<String> fromArchive(Path archive, String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(prefix) && name.endsWith(".class") && !entry.isDirectory()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        if (namesCustosAnnotation(in.readAllBytes())) {
                            names.add(className(name.substring(prefix.length())));
                        }
                    }
                }
            }
        }
        return names;
    }

    /**
     * WildFly (JBoss VFS): a {@code vfs:} URL names an {@code org.jboss.vfs.VirtualFile}, which {@code VFS.getChild}
     * (loaded beside the URL's connection class) returns; both are read through their public methods by
     * reflection, as sdk-cdi does not depend on the server. Reading the virtual files rather than their physical
     * copies works for an exploded WAR and a mounted jar alike.
     */
    private static List<String> fromVirtualFile(URL persistenceXml)
            throws IOException, URISyntaxException, ReflectiveOperationException {
        Class<?> vfs = Class.forName("org.jboss.vfs.VFS", true,
                persistenceXml.openConnection().getClass().getClassLoader());
        Object xml = vfs.getMethod("getChild", java.net.URI.class).invoke(null, persistenceXml.toURI());
        Object root = call(call(xml, "getParent"), "getParent"); // META-INF's parent
        List<String> names = new ArrayList<>();
        for (Object file : (List<?>) call(root, "getChildrenRecursively")) {
            String path = (String) file.getClass().getMethod("getPathNameRelativeTo", root.getClass())
                    .invoke(file, root);
            if (path.endsWith(".class") && Boolean.TRUE.equals(call(file, "isFile"))) {
                try (InputStream in = (InputStream) call(file, "openStream")) {
                    if (namesCustosAnnotation(in.readAllBytes())) {
                        names.add(className(path));
                    }
                }
            }
        }
        return names;
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        return target.getClass().getMethod(method).invoke(target);
    }

    private static String className(String relativePath) {
        return relativePath.substring(0, relativePath.length() - ".class".length()).replace('/', '.');
    }

    static boolean namesCustosAnnotation(byte[] classFile) {
        outer:
        for (int i = 0; i <= classFile.length - CUSTOS_ANNOTATION.length; i++) {
            for (int j = 0; j < CUSTOS_ANNOTATION.length; j++) {
                if (classFile[i + j] != CUSTOS_ANNOTATION[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
