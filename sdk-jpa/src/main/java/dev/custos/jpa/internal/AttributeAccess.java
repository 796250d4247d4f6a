// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes entity attributes by name, through the field when there is one (JPA field access)
 * and the getter or setter otherwise. Handles are looked up once per class and attribute, so the read
 * path pays a map lookup, not reflection.
 */
public final class AttributeAccess {

    /**
     * Each class's handles by attribute name, kept with the class ({@link ClassValue}), not in a map keyed by its
     * name: a handle reaches its class and so its class loader, which a static map would keep after a redeployment.
     */
    private static final ClassValue<Handles> HANDLES = new ClassValue<>() {
        @Override
        protected Handles computeValue(Class<?> type) {
            return new Handles();
        }
    };

    private AttributeAccess() {
    }

    /** The value of {@code path} (dotted for relations, such as {@code client.clientId}) on {@code entity}. */
    public static Object get(Object entity, String path) {
        Object value = entity;
        for (String name : path.split("\\.")) {
            if (value == null) {
                return null;
            }
            Class<?> type = value.getClass();
            MethodHandle getter = HANDLES.get(type).getters.computeIfAbsent(name, k -> getter(type, name));
            try {
                value = getter.invoke(value);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + type.getName() + "." + name, e);
            }
        }
        return value;
    }

    /** Sets the attribute {@code name} of {@code entity} to {@code value}. */
    public static void set(Object entity, String name, Object value) {
        Class<?> type = entity.getClass();
        MethodHandle setter = HANDLES.get(type).setters.computeIfAbsent(name, k -> setter(type, name));
        try {
            setter.invoke(entity, value);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot write " + type.getName() + "." + name, e);
        }
    }

    private static MethodHandle getter(Class<?> type, String name) {
        try {
            Field field = field(type, name);
            if (field != null) {
                field.setAccessible(true);
                return MethodHandles.lookup().unreflectGetter(field);
            }
            String suffix = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            for (String prefix : new String[] {"get", "is"}) {
                Method method = method(type, prefix + suffix);
                if (method != null) {
                    method.setAccessible(true);
                    return MethodHandles.lookup().unreflect(method);
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException(type.getName() + " has no attribute " + name);
    }

    private static MethodHandle setter(Class<?> type, String name) {
        try {
            Field field = field(type, name);
            if (field != null) {
                field.setAccessible(true);
                return MethodHandles.lookup().unreflectSetter(field);
            }
            String setterName = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Method method : c.getDeclaredMethods()) {
                    if (method.getName().equals(setterName) && method.getParameterCount() == 1) {
                        method.setAccessible(true);
                        return MethodHandles.lookup().unreflect(method);
                    }
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException(type.getName() + " has no writable attribute " + name);
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }

    private static Method method(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name);
            } catch (NoSuchMethodException e) {
                // look in the superclass
            }
        }
        return null;
    }

    /** The getters and setters of one class looked up so far. */
    private static final class Handles {
        final Map<String, MethodHandle> getters = new ConcurrentHashMap<>();
        final Map<String, MethodHandle> setters = new ConcurrentHashMap<>();
    }
}
