// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import java.time.Period;
import java.util.Objects;
import java.util.Optional;

/**
 * A value of a pack that a deployment may set for its controller ({@code <overridable>} in the pack): the
 * fiscal year's end ({@code fiscal-year-end}), a setting holding a day of the year (a privacy review day), or the
 * period of a rule, within the limits the law leaves ({@code min}, {@code max}). Deployments set it with
 * {@code custos.pack.override.<name>}. Immutable.
 *
 * @param name the value's name: {@code fiscal-year-end}, a setting's name or a rule's id
 * @param min  the shortest period a rule may be given; empty for no lower limit, and for days of the year
 * @param max  the longest period a rule may be given; empty for no upper limit, and for days of the year
 */
public record PackOverride(String name, Optional<Period> min, Optional<Period> max) {

    /** The name under which the fiscal year's end is overridden. */
    public static final String FISCAL_YEAR_END = "fiscal-year-end";

    /** The prefix of the deployment settings that override pack values. */
    public static final String SETTING_PREFIX = "custos.pack.override.";

    public PackOverride {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
    }
}
