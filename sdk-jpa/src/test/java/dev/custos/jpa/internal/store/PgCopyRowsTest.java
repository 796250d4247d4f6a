// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** COPY's text format as {@link PgCopy.Rows} writes it: escapes wherever they fall in a value, NULL for empty. */
class PgCopyRowsTest {

    @Test
    void escapesBackslashesTabsAndLineBreaksAnywhereInAValue() {
        PgCopy.Rows rows = new PgCopy.Rows();
        rows.number(7).text("plain").text("\\lead").text("mid\tdle").text("end\n").text("a\r\nb\\\\c").text("")
                .text(null).text("æø").endRow();
        assertThat(new String(rows.bytes(), StandardCharsets.UTF_8))
                .isEqualTo("7\tplain\t\\\\lead\tmid\\tdle\tend\\n\ta\\r\\nb\\\\\\\\c\t\\N\t\\N\tæø\n");
    }
}
