// SPDX-License-Identifier: Apache-2.0
package dev.custos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.Message;
import dev.custos.core.SafeCause;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps message ids honest: every message method of every registered {@code *Messages} class is called
 * with placeholder arguments, and its id must be unique and inside the class's range in
 * {@code message-ranges.txt}. The same run writes the catalogue {@code docs/errors.md}, which must be
 * fresh: regenerate it with {@code mvn verify -Dcustos.docs.update=true}.
 */
class MessageCatalogueTest {

    record Range(int from, int to, String className, String area) {
    }

    record Entry(Message message, String area, String method) {
    }

    static List<Range> ranges() throws IOException {
        List<Range> ranges = new ArrayList<>();
        for (String line : Files.readAllLines(DocFiles.projectRoot().resolve("message-ranges.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+", 4);
            ranges.add(new Range(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), parts[2], parts[3]));
        }
        return ranges;
    }

    /** Every message the registered classes that are on this module's class path can produce. */
    static List<Entry> catalogue() throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (Range range : ranges()) {
            Class<?> type;
            try {
                type = Class.forName(range.className());
            } catch (ClassNotFoundException e) {
                throw new AssertionError("message-ranges.txt names " + range.className() + ", which does not exist");
            }
            for (Method method : type.getDeclaredMethods()) {
                if (!Modifier.isStatic(method.getModifiers()) || method.getReturnType() != Message.class
                        || method.isSynthetic()) {
                    continue;
                }
                method.setAccessible(true);
                Message message = (Message) method.invoke(null, placeholders(method));
                assertThat(message.id()).as("%s.%s id in range of %s", type.getSimpleName(), method.getName(), range)
                        .isBetween(range.from(), range.to());
                entries.add(new Entry(message, range.area(), type.getSimpleName() + "." + method.getName()));
            }
        }
        entries.sort(Comparator.comparingInt(e -> e.message().id()));
        return entries;
    }

    private static Object[] placeholders(Method method) {
        Parameter[] parameters = method.getParameters();
        Object[] args = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Class<?> type = parameters[i].getType();
            String name = "{" + parameters[i].getName() + "}";
            if (type == String.class || type == Object.class) {
                args[i] = name;
            } else if (type == SafeCause.class) {
                args[i] = placeholderCause(name);
            } else if (type == long.class || type == Long.class) {
                args[i] = 0L;
            } else if (type == int.class || type == Integer.class) {
                args[i] = 0;
            } else {
                throw new AssertionError(method + ": message parameters must be String, SafeCause, int or long");
            }
        }
        return args;
    }

    /** A cause that prints as its placeholder: only the catalogue may make one from text, so it goes around. */
    private static SafeCause placeholderCause(String name) {
        try {
            Constructor<SafeCause> constructor = SafeCause.class.getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            return constructor.newInstance(name);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("SafeCause has no private constructor taking the text", e);
        }
    }

    /** The ids retired in {@code retired-message-ids.txt}: no message may use one again. */
    static Set<Integer> retiredIds() throws IOException {
        Set<Integer> retired = new TreeSet<>();
        for (String line : Files.readAllLines(DocFiles.projectRoot().resolve("retired-message-ids.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                retired.add(Integer.parseInt(line.trim().split("\\s+", 2)[0]));
            }
        }
        return retired;
    }

    @Test
    void noMessageUsesARetiredId() throws Exception {
        Set<Integer> retired = retiredIds();
        assertThat(retired).isNotEmpty();
        for (Entry entry : catalogue()) {
            assertThat(retired).as("%s uses %s, a retired id (retired-message-ids.txt)", entry.method(),
                    entry.message().code()).doesNotContain(entry.message().id());
        }
    }

    @Test
    void everyIdIsUniqueAndInsideItsRange() throws Exception {
        Map<Integer, String> owners = new HashMap<>();
        for (Entry entry : catalogue()) {
            String previous = owners.putIfAbsent(entry.message().id(), entry.method());
            assertThat(previous).as("id %s used by %s and %s", entry.message().code(), previous, entry.method())
                    .isNull();
        }
        assertThat(owners).hasSizeGreaterThan(50);
    }

    @Test
    void rangesDoNotOverlap() throws IOException {
        List<Range> ranges = new ArrayList<>(ranges());
        ranges.sort(Comparator.comparingInt(Range::from));
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).from()).as("%s overlaps %s", ranges.get(i), ranges.get(i - 1))
                    .isGreaterThan(ranges.get(i - 1).to());
        }
    }

    @Test
    void everyMessagesClassOfEveryModuleIsRegistered() throws IOException {
        List<String> registered = ranges().stream().map(Range::className).toList();
        List<String> messageClasses = new ArrayList<>();
        for (String module : List.of("sdk-core", "sdk-jpa", "sdk-cdi", "verifier")) {
            Path classes = DocFiles.projectRoot().resolve(module).resolve("target/classes");
            try (Stream<Path> files = Files.walk(classes)) {
                files.map(p -> classes.relativize(p).toString())
                        .filter(p -> p.endsWith("Messages.class"))
                        .map(p -> p.replace('/', '.').replace(".class", ""))
                        .forEach(messageClasses::add);
            }
        }
        assertThat(messageClasses).hasSizeGreaterThanOrEqualTo(ranges().size());
        assertThat(registered).containsAll(messageClasses);
    }

    @Test
    void errorCatalogueIsFresh() throws Exception {
        StringBuilder md = new StringBuilder("""
                # Custos messages

                <!-- Generated by MessageCatalogueTest from the message classes; do not edit by hand. -->

                Every message Custos shows carries an id `CUSTOS-NNNNN`. Ids never change meaning and are never
                reused. Words in braces stand for the values filled in at run time.

                The values never are personal data: a row is named by entity and by its id, or by the person's
                pseudonym where the id is the person's own; a failure (`{cause}`) by exception classes, SQLState,
                vendor code and the violated constraint or column, never by the driver's or the application's
                text, which may quote the row. Custos logs its lines without the exception. What Custos logs and
                never logs, and what the persistence provider may still log, is in the operations guide
                ([What Custos logs and what it never logs](operations.md#what-custos-logs-and-what-it-never-logs)).

                """);
        String area = null;
        for (Entry entry : catalogue()) {
            if (!entry.area().equals(area)) {
                area = entry.area();
                md.append("\n## ").append(Character.toUpperCase(area.charAt(0))).append(area.substring(1))
                        .append("\n\n| Id | Message |\n|---|---|\n");
            }
            md.append("| ").append(entry.message().code()).append(" | ")
                    .append(entry.message().text().replace("|", "\\|")).append(" |\n");
        }
        DocFiles.assertFresh(DocFiles.projectRoot().resolve("docs/errors.md"), md.toString());
    }
}
