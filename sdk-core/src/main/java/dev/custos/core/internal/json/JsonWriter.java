// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.internal.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer with two-space indentation, so that sdk-core can write exports and
 * records without a JSON library. Not thread-safe; one instance per document.
 */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    /** One entry per open object or array: whether it has a member yet. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        open.push(new boolean[1]);
        return this;
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        open.push(new boolean[1]);
        return this;
    }

    public JsonWriter endArray() {
        return close(']');
    }

    public JsonWriter name(String name) {
        separate();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    public JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** A name and a string value in one call. */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    /** A name and an array of strings in one call. */
    public JsonWriter field(String name, Iterable<String> values) {
        name(name).beginArray();
        for (String value : values) {
            value(value);
        }
        return endArray();
    }

    @Override
    public String toString() {
        return out + "\n";
    }

    private JsonWriter close(char bracket) {
        boolean hadMembers = open.pop()[0];
        if (hadMembers) {
            newline();
        }
        out.append(bracket);
        return this;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
        } else if (!open.isEmpty()) {
            separate();
        }
    }

    private void separate() {
        boolean[] first = open.peek();
        if (first != null) {
            if (first[0]) {
                out.append(',');
            }
            first[0] = true;
            newline();
        }
    }

    private void newline() {
        out.append('\n').append("  ".repeat(open.size()));
    }

    private void string(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
