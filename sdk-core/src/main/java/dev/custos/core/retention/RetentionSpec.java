// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.retention;

import dev.custos.core.CustosException;
import java.time.MonthDay;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed retention specification, as written in {@code @PersonalData(retention = ...)} and in policy
 * packs. The grammar:
 * <pre>
 * P5Y                          an ISO-8601 period from the record's retention anchor
 * P1Y after last-purchase      from the anchor that records the named event
 * P5Y after fiscal-year-end    from the end of the fiscal year that holds the anchor
 * P5Y after fiscal-year-end of invoice-date   the same, naming the anchor event
 * until-consent-withdrawn      while consent for the field's purposes stands
 * policy:journal               the rule "journal" of the active policy pack
 * policy:journal of last-entry the same, from the clock of the named event (for a rule that names none)
 * P3Y after last-visit at next --01-31        at the first 31 January on or after the period's end
 * P3Y after last-visit at next privacy-review-day   the same, at the pack's date setting of that name
 * </pre>
 * An event names a {@code @RetentionAnchor} or a {@code @DerivedClock} of the entity; an entity with several
 * clocks names one in every rule, so {@code "P5Y after fiscal-year-end of invoice-date"} or
 * {@code "policy:bookkeeping of invoice-date"}. {@code at next} moves the due date to the next fixed day of the
 * year, such as a yearly privacy review: an ISO month-day ({@code --MM-DD}) or the name of a pack setting whose
 * value is one ({@code <setting name="privacy-review-day" value="--01-31">}); the data is due at the start of
 * that day in the pack's zone, or at the period's end when that falls on the day's first moment.
 * Periods take years, months, weeks and days ({@code P1Y6M}, {@code P30D}); they may be zero
 * ({@code P0D}: due at once) but not negative. Instances are immutable.
 *
 * @param kind   what the specification says
 * @param period the period, for {@link Kind#PERIOD}
 * @param start  when the period starts, for {@link Kind#PERIOD}
 * @param event  the anchor event the period runs from, if one is named
 * @param rule   the policy rule, for {@link Kind#POLICY_RULE}
 * @param next   the day of the year the due date moves on to ({@code --MM-DD} or a pack setting's name), if any
 */
public record RetentionSpec(Kind kind, Optional<Period> period, Start start, Optional<String> event,
                            Optional<String> rule, Optional<String> next) {

    /** A specification without {@code at next}. */
    public RetentionSpec(Kind kind, Optional<Period> period, Start start, Optional<String> event,
                         Optional<String> rule) {
        this(kind, period, start, event, rule, Optional.empty());
    }

    /** The three forms a specification takes. */
    public enum Kind { PERIOD, UNTIL_CONSENT_WITHDRAWN, POLICY_RULE }

    /** Where a retention period starts. */
    public enum Start {
        /** At the record's retention anchor (a date or time attribute of the row). */
        ANCHOR,
        /** At the end of the fiscal year in which the anchor falls, as bookkeeping laws count. */
        FISCAL_YEAR_END,
        /** Not a period: the data is kept while consent lasts. */
        CONSENT
    }

    public static final String UNTIL_CONSENT_WITHDRAWN = "until-consent-withdrawn";
    public static final String POLICY_PREFIX = "policy:";
    public static final String FISCAL_YEAR_END = "fiscal-year-end";

    /** The longest retention accepted, in years. */
    public static final int MAX_YEARS = 200;

    /**
     * The longest rule, event or pack name: names end up in the SDK's columns (the erasure log's rule id holds a
     * whole specification), so a longer one is refused where it is written, not when a sweep logs it.
     */
    public static final int MAX_NAME_LENGTH = 64;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern PERIOD = Pattern.compile("P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?");
    /** An ISO-8601 period with a time part, such as {@code PT24H} or {@code P1DT2H}. */
    private static final Pattern PERIOD_WITH_TIME = Pattern.compile("-?P(\\d+[YMWD])*T.*");
    /** An ISO-8601 period with a sign, such as {@code -P5Y} or {@code P-5Y}. */
    private static final Pattern NEGATIVE_PERIOD = Pattern.compile("-P.*|P(\\d+[YMWD])*-.*");

    public RetentionSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(next, "next");
    }

    /**
     * Parses {@code value}.
     *
     * @param value    the specification
     * @param location where it was written, for the error message (for example {@code JournalEntry.note})
     * @throws CustosException naming the location, the value and what to write instead
     */
    public static RetentionSpec parse(String value, String location) {
        if (value == null || value.isBlank()) {
            throw new CustosException(RetentionMessages.emptyRetention(location));
        }
        String spec = value.strip();
        if (spec.equals(UNTIL_CONSENT_WITHDRAWN)) {
            return new RetentionSpec(Kind.UNTIL_CONSENT_WITHDRAWN, Optional.empty(), Start.CONSENT,
                    Optional.empty(), Optional.empty());
        }
        if (spec.startsWith(POLICY_PREFIX)) {
            String[] words = spec.substring(POLICY_PREFIX.length()).split("\\s+");
            String rule = words[0];
            if (!isValidName(rule) || (words.length != 1 && (words.length != 3 || !words[1].equals("of")))) {
                throw new CustosException(RetentionMessages.malformedRuleName(location, value));
            }
            if (words.length == 3 && !isValidName(words[2])) {
                throw new CustosException(RetentionMessages.malformedEventName(location, value, words[2]));
            }
            return new RetentionSpec(Kind.POLICY_RULE, Optional.empty(), Start.ANCHOR,
                    words.length == 3 ? Optional.of(words[2]) : Optional.empty(), Optional.of(rule));
        }
        String[] all = spec.split("\\s+");
        int n = all.length;
        if (n >= 4 && all[n - 3].equals("at") && all[n - 2].equals("next")) {
            String day = all[n - 1];
            if (!isValidName(day) && !isMonthDay(day)) {
                throw new CustosException(RetentionMessages.malformedNextDate(location, value, day));
            }
            RetentionSpec base = parse(String.join(" ", java.util.Arrays.copyOf(all, n - 3)), location);
            if (base.kind() != Kind.PERIOD) {
                throw new CustosException(RetentionMessages.unknownRetentionForm(location, value));
            }
            return new RetentionSpec(base.kind, base.period, base.start, base.event, base.rule, Optional.of(day));
        }
        String[] parts = all;
        if (parts.length == 1) {
            return new RetentionSpec(Kind.PERIOD, Optional.of(period(parts[0], location, value)), Start.ANCHOR,
                    Optional.empty(), Optional.empty());
        }
        // where the text starts like a period ("5 years"), a bad period is the likelier mistake
        boolean periodFirst = parts[0].matches("(?i)[-p\\d].*");
        boolean namedFiscal = parts.length == 5 && parts[2].equals(FISCAL_YEAR_END) && parts[3].equals("of");
        if (!periodFirst || (parts.length != 3 && !namedFiscal) || !parts[1].equals("after")) {
            if (periodFirst) {
                period(parts[0], location, value);
            }
            throw new CustosException(RetentionMessages.unknownRetentionForm(location, value));
        }
        Period period = period(parts[0], location, value);
        String start = parts[2];
        if (namedFiscal) {
            if (!isValidName(parts[4])) {
                throw new CustosException(RetentionMessages.malformedEventName(location, value, parts[4]));
            }
            return new RetentionSpec(Kind.PERIOD, Optional.of(period), Start.FISCAL_YEAR_END, Optional.of(parts[4]),
                    Optional.empty());
        }
        if (start.equals(FISCAL_YEAR_END)) {
            return new RetentionSpec(Kind.PERIOD, Optional.of(period), Start.FISCAL_YEAR_END, Optional.empty(),
                    Optional.empty());
        }
        if (!isValidName(start)) {
            throw new CustosException(RetentionMessages.malformedEventName(location, value, start));
        }
        return new RetentionSpec(Kind.PERIOD, Optional.of(period), Start.ANCHOR, Optional.of(start),
                Optional.empty());
    }

    /** This specification running from the clock of {@code clock} (a rule that names no event). */
    public RetentionSpec withEvent(String clock) {
        return new RetentionSpec(kind, period, start, Optional.of(clock), rule, next);
    }

    /** This specification with {@code replacement} as its period. */
    public RetentionSpec withPeriod(Period replacement) {
        return new RetentionSpec(kind, Optional.of(replacement), start, event, rule, next);
    }

    /** Whether {@code text} is an ISO month-day such as {@code --01-31}. */
    public static boolean isMonthDay(String text) {
        try {
            MonthDay.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Whether {@code name} is a valid event or rule name (kebab case, for example {@code last-entry}). */
    public static boolean isValidName(String name) {
        return name != null && name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
    }

    private static Period period(String text, String location, String value) {
        String upper = text.toUpperCase(Locale.ROOT);
        // Only text shaped like a period gets the specific messages: "unlimited" has no time part and
        // "policy-journal" is not negative; both are simply not periods.
        if (PERIOD_WITH_TIME.matcher(upper).matches()) {
            throw new CustosException(RetentionMessages.timeInPeriod(location, value));
        }
        if (NEGATIVE_PERIOD.matcher(upper).matches()) {
            throw new CustosException(RetentionMessages.negativePeriod(location, value));
        }
        if (!PERIOD.matcher(upper).matches() || upper.equals("P")) {
            throw new CustosException(RetentionMessages.malformedPeriod(location, value));
        }
        Period period;
        try {
            period = Period.parse(upper);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new CustosException(RetentionMessages.malformedPeriod(location, value), e);
        }
        // a period no law asks for is a typo, and one past year 9999 would only fail during the sweep
        if (period.toTotalMonths() + period.getDays() / 31 > MAX_YEARS * 12L) {
            throw new CustosException(RetentionMessages.periodTooLong(location, value, String.valueOf(MAX_YEARS)));
        }
        return period;
    }

    /** The specification written back in the grammar above. */
    @Override
    public String toString() {
        return switch (kind) {
            case UNTIL_CONSENT_WITHDRAWN -> UNTIL_CONSENT_WITHDRAWN;
            case POLICY_RULE -> POLICY_PREFIX + rule.orElseThrow() + event.map(e -> " of " + e).orElse("");
            case PERIOD -> period.orElseThrow()
                    + (start == Start.FISCAL_YEAR_END
                            ? " after " + FISCAL_YEAR_END + event.map(e -> " of " + e).orElse("")
                            : event.map(e -> " after " + e).orElse(""))
                    + next.map(d -> " at next " + d).orElse("");
        };
    }
}
