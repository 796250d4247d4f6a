// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * COPY's text format as {@link PgCopy.Rows} writes it: escapes wherever they fall in a value, NULL for empty text
 * but an empty exact string, timestamps as UTC wall-clock times to the microsecond.
 */
class PgCopyRowsTest {

    @Test
    void escapesBackslashesTabsAndLineBreaksAnywhereInAValue() {
        PgCopy.Rows rows = new PgCopy.Rows();
        rows.number(7).text("plain").text("\\lead").text("mid\tdle").text("end\n").text("a\r\nb\\\\c").text("")
                .text(null).text("æø").endRow();
        assertThat(new String(rows.bytes(), StandardCharsets.UTF_8))
                .isEqualTo("7\tplain\t\\\\lead\tmid\\tdle\tend\\n\ta\\r\\nb\\\\\\\\c\t\\N\t\\N\tæø\n");
    }

    @Test
    void keepsEmptyStringsAndWritesInstantsAsUtcToTheMicrosecond() {
        PgCopy.Rows rows = new PgCopy.Rows();
        Instant at = Instant.parse("2026-12-06T10:15:30.123456789Z");
        rows.string("").string(null).string("a\tb").instant(at).instant(at)
                .instant(Instant.parse("2026-01-01T00:00:00Z")).instant(at).endRow();
        assertThat(new String(rows.bytes(), StandardCharsets.UTF_8))
                .isEqualTo("\t\\N\ta\\tb\t2026-12-06T10:15:30.123456"
                + "\t2026-12-06T10:15:30.123456\t2026-01-01T00:00\t2026-12-06T10:15:30.123456\n");
    }
}
