// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.metadata;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A persistent attribute as reflection sees it: a field, or a getter under property access. Custos
 * reads the annotations on both, the same way JPA providers do.
 */
record AnnotatedMember(String name, Class<?> type, AnnotatedElement element) {

    <A extends Annotation> A annotation(Class<A> annotationType) {
        return element.getAnnotation(annotationType);
    }

    /** Every non-static field and getter of {@code type} and its superclasses, superclasses first. */
    static List<AnnotatedMember> of(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        List<AnnotatedMember> members = new ArrayList<>();
        for (Class<?> c : hierarchy) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                    members.add(new AnnotatedMember(field.getName(), field.getType(), field));
                }
            }
            for (Method method : c.getDeclaredMethods()) {
                String property = propertyName(method);
                if (property != null) {
                    members.add(new AnnotatedMember(property, method.getReturnType(), method));
                }
            }
        }
        return members;
    }

    private static String propertyName(Method method) {
        if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0 || method.isSynthetic()
                || method.isBridge()) {
            return null;
        }
        String name = method.getName();
        if (name.startsWith("get") && name.length() > 3 && method.getReturnType() != void.class) {
            return decapitalize(name.substring(3));
        }
        if (name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class) {
            return decapitalize(name.substring(2));
        }
        return null;
    }

    /** The JavaBeans rule: "getURL" is property "URL", "getName" is "name". */
    private static String decapitalize(String name) {
        if (name.length() > 1 && Character.isUpperCase(name.charAt(1)) && Character.isUpperCase(name.charAt(0))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
