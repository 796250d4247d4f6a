// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the module's shape as sdk-core's test does: what an application can call (every public type outside
 * {@code .internal}) never takes, returns or extends an {@code .internal} type, so that the SDK's stores, keys and
 * chains are reachable only through the public services that apply the audit, purpose and pseudonym rules.
 */
class ApiBoundaryTest {

    private static final Path CLASSES = Path.of("target/classes");
    /** An internal type's name anywhere in a (generic) signature. */
    private static final Pattern INTERNAL = Pattern.compile("\\bdev\\.custos\\.[\\w.]*\\.internal\\.");

    static List<Class<?>> publicApi(Path classes, Class<?> loader) throws IOException, ClassNotFoundException {
        List<Class<?>> api = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replace(".class", "");
                Class<?> type = Class.forName(name, false, loader.getClassLoader());
                if (exported(type)) {
                    api.add(type);
                }
            }
        }
        return api;
    }

    /** Public, outside {@code .internal}, and (if nested) in a type that is too. */
    private static boolean exported(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return !type.getPackageName().contains(".internal") && !type.isSynthetic() && !type.isAnonymousClass();
    }

    /** Every place a public type names an internal one: supertypes, and public members' signatures. */
    static List<String> leaks(List<Class<?>> api) {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : api) {
            List<Type> supertypes = new ArrayList<>(List.of(type.getGenericInterfaces()));
            if (type.getGenericSuperclass() != null) {
                supertypes.add(type.getGenericSuperclass());
            }
            supertypes.forEach(t -> check(leaks, type.getName() + " extends", t));
            for (Method method : type.getDeclaredMethods()) {
                if (visible(method.getModifiers()) && !method.isSynthetic()) {
                    String where = type.getName() + "." + method.getName();
                    check(leaks, where, method.getGenericReturnType());
                    Stream.of(method.getGenericParameterTypes()).forEach(t -> check(leaks, where, t));
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (visible(constructor.getModifiers()) && !constructor.isSynthetic()) {
                    Stream.of(constructor.getGenericParameterTypes())
                            .forEach(t -> check(leaks, type.getName() + ".<init>", t));
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers()) && !field.isSynthetic()) {
                    check(leaks, type.getName() + "." + field.getName(), field.getGenericType());
                }
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    check(leaks, type.getName() + "." + component.getName(), component.getGenericType());
                }
            }
        }
        return leaks;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(List<String> leaks, String where, Type type) {
        if (INTERNAL.matcher(type.getTypeName()).find()) {
            leaks.add(where + " uses " + type.getTypeName());
        }
    }

    @Test
    void publicApiDoesNotExposeInternalTypes() throws Exception {
        List<Class<?>> api = publicApi(CLASSES, ApiBoundaryTest.class);
        assertThat(api).extracting(Class::getName).contains("dev.custos.jpa.CustosRuntime",
                "dev.custos.jpa.consent.ConsentRegistry");
        assertThat(leaks(api)).isEmpty();
    }

    @Test
    void theStoresAreInternal() throws Exception {
        assertThat(publicApi(CLASSES, ApiBoundaryTest.class)).extracting(Class::getName)
                .noneMatch(name -> name.contains(".store."));
    }

    @Test
    void everyPackageSaysWhatItIs() throws Exception {
        List<String> undocumented = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            files.filter(p -> p.toString().endsWith(".class")).map(Path::getParent).distinct()
                    .filter(dir -> !Files.exists(dir.resolve("package-info.class")))
                    .forEach(dir -> undocumented.add(dir.toString()));
        }
        assertThat(undocumented).isEmpty();
    }
}
