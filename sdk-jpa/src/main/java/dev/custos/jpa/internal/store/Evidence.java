// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.consent.ConsentEvidence;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A consent event's evidence as the ledger's columns of schema version 9 hold it: each column NULL when not
 * recorded, and the parental authorisation only as the pseudonym {@link ConsentLedger} made of it. Immutable.
 */
record Evidence(String form, String reference, LocalDate date, String ageBand, String parentalAuthRef) {

    /** The columns, in the order {@link #bind} binds them. */
    static final String COLUMNS = "evidence_form, evidence_ref, evidence_date, age_band, parental_auth_ref";

    static final Evidence NONE = new Evidence(null, null, null, null, null);

    /** The columns for {@code evidence}, with {@code parentalAuthRef} the pseudonym of its authorisation, if any. */
    static Evidence of(ConsentEvidence evidence, String parentalAuthRef) {
        return new Evidence(evidence.form().map(Enum::name).orElse(null), blankToNull(evidence.reference()),
                evidence.date().orElse(null), evidence.ageBand().orElse(null), blankToNull(parentalAuthRef));
    }

    /** The evidence of the row {@code rows} is on. */
    static Evidence read(ResultSet rows) throws SQLException {
        Date date = rows.getDate("evidence_date");
        return new Evidence(rows.getString("evidence_form"), rows.getString("evidence_ref"),
                date == null ? null : date.toLocalDate(), rows.getString("age_band"),
                rows.getString("parental_auth_ref"));
    }

    /** Binds the columns from {@code first} on, in the order of {@link #COLUMNS}. */
    void bind(PreparedStatement statement, int first) throws SQLException {
        Jdbc.setText(statement, first, form);
        Jdbc.setText(statement, first + 1, reference);
        if (date == null) {
            statement.setNull(first + 2, Types.DATE);
        } else {
            statement.setDate(first + 2, Date.valueOf(date));
        }
        Jdbc.setText(statement, first + 3, ageBand);
        Jdbc.setText(statement, first + 4, parentalAuthRef);
    }

    /** The evidence for a {@link dev.custos.core.consent.ConsentEvent}, the authorisation as its pseudonym. */
    ConsentEvidence toConsentEvidence() {
        return new ConsentEvidence(Optional.ofNullable(form).map(ConsentEvidence.Form::valueOf),
                reference == null ? "" : reference, Optional.ofNullable(date),
                Optional.ofNullable(ageBand).map(band -> Integer.valueOf(band.substring(0, band.length() - 1))),
                parentalAuthRef == null ? "" : parentalAuthRef);
    }

    /** The chain's field list for these columns: {@code column=value} for each that is set, none for none. */
    List<String> hashed() {
        List<String> fields = new ArrayList<>();
        add(fields, "evidence_form", form);
        add(fields, "evidence_ref", reference);
        add(fields, "evidence_date", date == null ? null : date.toString());
        add(fields, "age_band", ageBand);
        add(fields, "parental_auth_ref", parentalAuthRef);
        return fields;
    }

    private static void add(List<String> fields, String column, String value) {
        if (value != null) {
            fields.add(column + "=" + value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
