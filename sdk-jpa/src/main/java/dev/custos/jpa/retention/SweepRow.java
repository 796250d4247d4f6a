// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One row of a sweep group as read: its id (and as text), its subject's id or null, the anchor's value (null
 * without an anchor or clock value) and the values PSEUDONYMIZE must read ({@link SweepGroup#valuesRead()}, may hold nulls).
 * Immutable.
 */
record SweepRow(Object id, String idText, String subjectId, Object anchor, List<Object> values) {

    SweepRow {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** This row with {@code value} as its anchor: a derived clock's value, read apart. */
    SweepRow withAnchor(Object value) {
        return new SweepRow(id, idText, subjectId, value, values);
    }

    /** A row from the columns of {@link SweepGroup#selectJpql}, {@code rowsJpql} or {@code subjectJpql}. */
    static SweepRow of(SweepGroup group, Object[] columns) {
        boolean anchored = !group.anchorColumn().isEmpty();
        int valuesFrom = Math.min(anchored ? 3 : 2, columns.length);
        return new SweepRow(columns[0], String.valueOf(columns[0]), columns[1] == null ? null
                : String.valueOf(columns[1]), anchored ? columns[2] : null,
                Arrays.asList(columns).subList(valuesFrom, columns.length));
    }
}
