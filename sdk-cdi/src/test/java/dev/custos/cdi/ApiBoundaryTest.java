// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the layer's shape: sdk-cdi is a thin layer over sdk-jpa's public API, so no class of it refers to an
 * {@code dev.custos.jpa.internal} type (what it needs, sdk-jpa publishes: services, {@code dev.custos.jpa.tx}), and
 * its public types expose no {@code .internal} type of any module in their public signatures.
 */
class ApiBoundaryTest {

    private static final Path CLASSES = Path.of("target/classes");

    private static List<Path> classFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            return files.filter(p -> p.toString().endsWith(".class")).toList();
        }
    }

    @Test
    void noClassRefersToSdkJpaInternals() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Path file : classFiles()) {
            // constant-pool entries hold referenced type names as UTF-8 text
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (bytes.contains("dev/custos/jpa/internal/")) {
                offenders.add(CLASSES.relativize(file).toString());
            }
        }
        assertThat(classFiles()).hasSizeGreaterThan(20);
        assertThat(offenders).isEmpty();
    }

    @Test
    void publicApiDoesNotExposeInternalTypes() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Path file : classFiles()) {
            String name = CLASSES.relativize(file).toString().replace('/', '.').replace(".class", "");
            Class<?> type = Class.forName(name, false, ApiBoundaryTest.class.getClassLoader());
            if (!Modifier.isPublic(type.getModifiers()) || type.getPackageName().contains(".internal")) {
                continue;
            }
            List<Type> used = new ArrayList<>();
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) || Modifier.isProtected(method.getModifiers())) {
                    used.add(method.getGenericReturnType());
                    used.addAll(List.of(method.getGenericParameterTypes()));
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(constructor.getModifiers())) {
                    used.addAll(List.of(constructor.getGenericParameterTypes()));
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isPublic(field.getModifiers()) || Modifier.isProtected(field.getModifiers())) {
                    used.add(field.getGenericType());
                }
            }
            used.stream().map(Type::getTypeName).filter(t -> t.contains(".internal."))
                    .forEach(t -> leaks.add(type.getName() + " uses " + t));
        }
        assertThat(leaks).isEmpty();
    }
}
