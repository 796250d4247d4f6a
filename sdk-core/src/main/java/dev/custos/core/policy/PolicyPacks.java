// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import dev.custos.core.CustosException;
import dev.custos.core.internal.xml.XmlReader;
import dev.custos.core.retention.RetentionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads policy packs. A pack with id {@code x} is the class-path resource
 * {@code META-INF/custos/packs/x.xml}, so a user adds one by shipping that file; no Custos code
 * changes. A pack may extend another on the class path ({@code extends="gdpr"}) and add or replace its
 * rules, settings, hold reasons and sources. The file format is described by {@code META-INF/custos/policy-pack-1.xsd} and in
 * {@code docs/policy-reference.md}. Every problem in a file is reported at once, each with its line.
 * Stateless and thread-safe; packs are immutable, so callers may cache them.
 */
public final class PolicyPacks {

    /**
     * The packs Custos ships: {@code gdpr}, the Regulation alone, the starting point in any EU or EEA country
     * (a pack of your own can extend it); {@code dk} and {@code no}, written for the two model clinics.
     */
    public static final List<String> BUILT_IN = List.of("gdpr", "dk", "no");

    /** Where pack files live on the class path. */
    public static final String RESOURCE_PREFIX = "META-INF/custos/packs/";

    private PolicyPacks() {
    }

    /**
     * Loads the pack {@code id} from the thread's context class loader and Custos' own. Exactly one file
     * {@code META-INF/custos/packs/<id>.xml} may be visible: with two copies it would depend on class-path
     * order which rules apply, so that is refused. The same file seen through both loaders counts once.
     *
     * @throws CustosException if {@code id} is not a kebab-case name, there is no such pack or more than
     *                         one, or the file has problems
     */
    public static PolicyPack load(String id) {
        return load(id, List.of()).pack();
    }

    /** Loads pack {@code id}, which the packs in {@code extending} (outermost first) extend. */
    private static PolicyPackReader.Read load(String id, List<String> extending) {
        Objects.requireNonNull(id, "id");
        // checked before it becomes part of a resource path: "../x" or "a/b" must not reach a class loader
        if (!RetentionSpec.isValidName(id)) {
            throw new CustosException(PolicyMessages.invalidPackId(id));
        }
        String resource = RESOURCE_PREFIX + id + ".xml";
        List<URL> copies = find(resource);
        if (copies.isEmpty()) {
            throw new CustosException(PolicyMessages.unknownPack(id, String.join(", ", BUILT_IN)));
        }
        if (copies.size() > 1) {
            throw new CustosException(PolicyMessages.duplicatePack(resource, String.valueOf(copies.size()),
                    String.join(", ", copies.stream().map(URL::toExternalForm).toList())));
        }
        try (InputStream in = open(copies.get(0))) {
            PolicyPackReader.Read read = read(in, resource, extending);
            if (!read.pack().id().equals(id)) {
                throw new CustosException(PolicyMessages.packIdMismatch(resource, read.pack().id(), id));
            }
            return read;
        } catch (IOException e) {
            throw new CustosException(PolicyMessages.unreadable(resource, e.getMessage()), e);
        }
    }

    /** Every distinct copy of {@code resource} that the context class loader or Custos' own can see. */
    private static List<URL> find(String resource) {
        List<ClassLoader> loaders = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        ClassLoader own = PolicyPacks.class.getClassLoader();
        loaders.add(own == null ? ClassLoader.getSystemClassLoader() : own);
        // keyed by the URL's text: URL.equals would resolve host names
        Map<String, URL> copies = new LinkedHashMap<>();
        for (ClassLoader loader : loaders) {
            try {
                for (URL url : Collections.list(loader.getResources(resource))) {
                    copies.putIfAbsent(url.toExternalForm(), url);
                }
            } catch (IOException e) {
                throw new CustosException(PolicyMessages.unreadable(resource, String.valueOf(e)), e);
            }
        }
        return List.copyOf(copies.values());
    }

    private static InputStream open(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        // a cached jar file would stay open, and stale, after the pack has been read
        connection.setUseCaches(false);
        return connection.getInputStream();
    }

    /** Reads a pack file from the file system. */
    public static PolicyPack read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new CustosException(PolicyMessages.unreadable(file.toString(), String.valueOf(e)), e);
        }
    }

    /**
     * Reads a pack from {@code input}, which the caller closes.
     *
     * @param sourceName names the input in messages, for example a file name
     */
    public static PolicyPack read(InputStream input, String sourceName) {
        return read(input, sourceName, List.of()).pack();
    }

    private static PolicyPackReader.Read read(InputStream input, String sourceName, List<String> extending) {
        try {
            // the pack a pack extends is always one on the class path, a built-in one or the application's own
            return new PolicyPackReader(sourceName, extending, PolicyPacks::load).read(XmlReader.read(input));
        } catch (XmlReader.MalformedXmlException e) {
            throw new CustosException(
                    PolicyMessages.malformedXml(sourceName, String.valueOf(e.line()), e.getMessage()), e);
        } catch (IOException e) {
            throw new CustosException(PolicyMessages.unreadable(sourceName, String.valueOf(e)), e);
        }
    }
}
