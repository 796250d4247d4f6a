// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import dev.custos.core.CustosException;
import dev.custos.core.internal.xml.XmlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads policy packs. A pack with id {@code x} is the class-path resource
 * {@code META-INF/custos/packs/x.xml}, so a user adds one by shipping that file; no Custos code
 * changes. The file format is described by {@code META-INF/custos/policy-pack-1.xsd} and in
 * {@code docs/policy-reference.md}. Every problem in a file is reported at once, each with its line.
 * Stateless and thread-safe; packs are immutable, so callers may cache them.
 */
public final class PolicyPacks {

    /** The packs Custos ships. */
    public static final List<String> BUILT_IN = List.of("dk", "no");

    /** Where pack files live on the class path. */
    public static final String RESOURCE_PREFIX = "META-INF/custos/packs/";

    private PolicyPacks() {
    }

    /**
     * Loads the pack {@code id} from the thread's context class loader, or Custos' own.
     *
     * @throws CustosException if there is no such pack, or the file has problems
     */
    public static PolicyPack load(String id) {
        Objects.requireNonNull(id, "id");
        String resource = RESOURCE_PREFIX + id + ".xml";
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        InputStream input = context == null ? null : context.getResourceAsStream(resource);
        if (input == null) {
            input = PolicyPacks.class.getClassLoader().getResourceAsStream(resource);
        }
        if (input == null) {
            throw new CustosException(PolicyMessages.unknownPack(id, String.join(", ", BUILT_IN)));
        }
        try (InputStream in = input) {
            PolicyPack pack = read(in, resource);
            if (!pack.id().equals(id)) {
                throw new CustosException(PolicyMessages.packIdMismatch(resource, pack.id(), id));
            }
            return pack;
        } catch (IOException e) {
            throw new CustosException(PolicyMessages.unreadable(resource, e.getMessage()), e);
        }
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
        try {
            return new PolicyPackReader(sourceName).read(XmlReader.read(input));
        } catch (XmlReader.MalformedXmlException e) {
            throw new CustosException(
                    PolicyMessages.malformedXml(sourceName, String.valueOf(e.line()), e.getMessage()), e);
        } catch (IOException e) {
            throw new CustosException(PolicyMessages.unreadable(sourceName, String.valueOf(e)), e);
        }
    }
}
