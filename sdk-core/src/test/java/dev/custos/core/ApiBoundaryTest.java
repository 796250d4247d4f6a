// SPDX-License-Identifier: Apache-2.0
package dev.custos.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the module's shape: public API never exposes {@code .internal} types, and nothing in sdk-core
 * refers to Jakarta (it must load in any JVM, container or not).
 */
class ApiBoundaryTest {

    private static final Path CLASSES = Path.of("target/classes");

    private static List<Path> classFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            return files.filter(p -> p.toString().endsWith(".class")).toList();
        }
    }

    private static Class<?> load(Path file) throws ClassNotFoundException {
        String name = CLASSES.relativize(file).toString().replace('/', '.').replace(".class", "");
        return Class.forName(name, false, ApiBoundaryTest.class.getClassLoader());
    }

    @Test
    void publicApiDoesNotExposeInternalTypes() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Path file : classFiles()) {
            Class<?> type = load(file);
            if (!Modifier.isPublic(type.getModifiers()) || type.getPackageName().contains(".internal")) {
                continue;
            }
            for (Method method : type.getMethods()) {
                List<Class<?>> used = new ArrayList<>(List.of(method.getParameterTypes()));
                used.add(method.getReturnType());
                used.stream().filter(t -> t.getPackageName().contains(".internal"))
                        .forEach(t -> leaks.add(type.getName() + "." + method.getName() + " uses " + t.getName()));
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getType().getPackageName().contains(".internal")) {
                        leaks.add(type.getName() + "." + component.getName());
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void noClassRefersToJakarta() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Path file : classFiles()) {
            // constant-pool entries hold referenced type names as UTF-8 text
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (bytes.contains("jakarta/") || bytes.contains("javax/persistence")) {
                offenders.add(CLASSES.relativize(file).toString());
            }
        }
        assertThat(classFiles()).hasSizeGreaterThan(50);
        assertThat(offenders).isEmpty();
    }

    @Test
    void everyPackageSaysWhatItIs() throws Exception {
        List<String> undocumented = new ArrayList<>();
        for (Path file : classFiles()) {
            Path dir = file.getParent();
            if (!Files.exists(dir.resolve("package-info.class")) && !undocumented.contains(dir.toString())) {
                undocumented.add(dir.toString());
            }
        }
        assertThat(undocumented).isEmpty();
    }
}
