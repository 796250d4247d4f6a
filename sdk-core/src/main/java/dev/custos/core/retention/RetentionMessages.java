// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.retention;

import dev.custos.core.Message;

/** Messages of the retention area, ids 01100-01199 (see message-ranges.txt). */
final class RetentionMessages {

    private static final String FORMS = "write an ISO-8601 period such as \"P5Y\" or \"P1Y6M\", \"P5Y after last-entry\","
            + " \"P5Y after fiscal-year-end\", \"until-consent-withdrawn\" or \"policy:<rule>\"";

    private RetentionMessages() {
    }

    static Message emptyRetention(String location) {
        return Message.of(1101, "%s: the retention is empty; %s", location, FORMS);
    }

    static Message malformedPeriod(String location, String value) {
        return Message.of(1102, "%s: retention \"%s\" is not an ISO-8601 period; %s", location, value, FORMS);
    }

    static Message timeInPeriod(String location, String value) {
        return Message.of(1103, "%s: retention \"%s\" has a time part; retention is counted in years, months, weeks"
                + " and days (write \"P1D\" rather than \"PT24H\")", location, value);
    }

    static Message negativePeriod(String location, String value) {
        return Message.of(1104, "%s: retention \"%s\" is negative; use \"P0D\" for data that is due at once",
                location, value);
    }

    static Message unknownRetentionForm(String location, String value) {
        return Message.of(1105, "%s: retention \"%s\" is not understood; %s", location, value, FORMS);
    }

    static Message malformedEventName(String location, String value, String event) {
        return Message.of(1106, "%s: retention \"%s\" names the event \"%s\", which is not a kebab-case name such as"
                + " \"last-entry\"", location, value, event);
    }

    static Message malformedRuleName(String location, String value) {
        return Message.of(1107, "%s: retention \"%s\" does not name a policy rule; write \"policy:\" and a kebab-case"
                + " rule id such as \"policy:journal\"", location, value);
    }
}
