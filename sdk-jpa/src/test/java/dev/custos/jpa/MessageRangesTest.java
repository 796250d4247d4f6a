// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.Message;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * sdk-jpa's half of sdk-core's MessageCatalogueTest (which only sees sdk-core's classes): every message method
 * of this module's registered {@code *Messages} classes has an id that is unique and inside its class's range
 * in {@code message-ranges.txt}, and every {@code *Messages} class of this module is registered.
 */
class MessageRangesTest {

    record Range(int from, int to, String className) {
    }

    static List<Range> ranges() throws IOException {
        Path root = Path.of(System.getProperty("custos.project.root", "..")).toAbsolutePath().normalize();
        List<Range> ranges = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("message-ranges.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+", 4);
            ranges.add(new Range(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), parts[2]));
        }
        return ranges;
    }

    @Test
    void everyIdIsUniqueAndInsideItsRange() throws Exception {
        Map<Integer, String> owners = new HashMap<>();
        for (Range range : ranges()) {
            if (!range.className().startsWith("dev.custos.jpa.")) {
                continue;
            }
            Class<?> type = Class.forName(range.className());
            for (Method method : type.getDeclaredMethods()) {
                if (!Modifier.isStatic(method.getModifiers()) || method.getReturnType() != Message.class) {
                    continue;
                }
                method.setAccessible(true);
                Object[] args = new Object[method.getParameterCount()];
                for (int i = 0; i < args.length; i++) {
                    assertThat(method.getParameterTypes()[i]).as("%s parameters", method).isEqualTo(String.class);
                    args[i] = "{" + method.getParameters()[i].getName() + "}";
                }
                Message message = (Message) method.invoke(null, args);
                assertThat(message.id()).as("%s.%s", type.getSimpleName(), method.getName())
                        .isBetween(range.from(), range.to());
                String previous = owners.putIfAbsent(message.id(), type.getSimpleName() + "." + method.getName());
                assertThat(previous).as("id %s used twice", message.code()).isNull();
            }
        }
        assertThat(owners).hasSizeGreaterThan(15);
    }

    @Test
    void everyMessagesClassOfThisModuleIsRegistered() throws IOException {
        Path classes = Path.of("target/classes");
        List<String> registered = ranges().stream().map(Range::className).toList();
        try (Stream<Path> files = Files.walk(classes)) {
            List<String> messageClasses = files.map(p -> classes.relativize(p).toString())
                    .filter(p -> p.endsWith("Messages.class"))
                    .map(p -> p.replace('/', '.').replace(".class", ""))
                    .toList();
            assertThat(messageClasses).hasSize(2);
            assertThat(registered).containsAll(messageClasses);
        }
    }

    /** The PostgreSQL trigger raises CUSTOS-04010 word for word; keep the SQL and the message class in step. */
    @Test
    void theTriggerTextMatchesTheMessageClass() throws Exception {
        Method appendOnly = Class.forName("dev.custos.jpa.schema.SchemaMessages")
                .getDeclaredMethod("appendOnly", String.class, String.class);
        appendOnly.setAccessible(true);
        Message message = (Message) appendOnly.invoke(null, "%", "%");
        String sql = Files.readString(Path.of(
                "src/main/resources/db/custos/postgresql/V2__append_only_and_indexes.sql"));
        assertThat(sql).contains("'" + message + "'");
    }
}
