// SPDX-License-Identifier: Apache-2.0
package dev.custos.core;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * A user-visible message with a stable id, such as {@code CUSTOS-01101}.
 * <p>
 * Every error, warning and log line Custos shows carries one. Ids never change meaning and are never
 * reused; {@code docs/errors.md} lists them all. Instances are immutable and thread-safe.
 *
 * @param id   the numeric id, unique across Custos (see {@code message-ranges.txt})
 * @param text the formatted text, saying what is wrong and what to do about it
 */
public record Message(int id, String text) implements Serializable {

    public Message {
        if (id <= 0 || id > 99_999) {
            throw new IllegalArgumentException("message id out of range: " + id);
        }
        Objects.requireNonNull(text, "text");
    }

    /** Formats {@code template} with {@code args} ({@link String#format} syntax, root locale). */
    public static Message of(int id, String template, Object... args) {
        return new Message(id, String.format(Locale.ROOT, template, args));
    }

    /** The id as printed, for example {@code CUSTOS-01101}. */
    public String code() {
        // not String.format: the sweep names a code in every erased row's audit detail
        String digits = Integer.toString(id);
        return "CUSTOS-" + "00000".substring(digits.length()) + digits;
    }

    @Override
    public String toString() {
        return code() + ": " + text;
    }
}
