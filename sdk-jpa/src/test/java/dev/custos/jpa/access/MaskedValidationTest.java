// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

import static dev.custos.jpa.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.core.consent.ConsentEvidence;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Patron;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Issue #16, finding 4: an application with Bean Validation on its personal fields keeps working when Custos masks
 * some of them. An entity read with masks is changed in its other attributes and saved on every provider: the
 * provider's validation does not see the masks, the stored values stay, and the audit names only what changed.
 * A deliberate change of a masked attribute is refused, not dropped; clearing one on purpose goes through
 * {@link MaskedValues} and is held to the same right.
 */
class MaskedValidationTest {

    private static final String STORED_EMAIL = "ada@example.org";
    private static final String STORED_PHONE = "+4512345678";
    /** Patron's e-mail is @NotEmpty: clearing it is written only where Bean Validation is off. */
    private static final Map<String, String> WITHOUT_VALIDATION =
            Map.of("custos.pack", "dk", "jakarta.persistence.validation.mode", "NONE");

    /** One provider on one fresh database, validating, with Custos started and a patron stored. */
    private static final class Fixture implements AutoCloseable {
        final TestDatabase db;
        final EntityManagerFactory emf;
        final CustosRuntime runtime;

        Fixture(JpaUnit unit) {
            this(unit, Map.of("custos.pack", "dk"));
        }

        Fixture(JpaUnit unit, Map<String, String> properties) {
            db = TestDatabase.empty(unit.database());
            emf = unit.openVariant("validated", db, properties);
            runtime = CustosJpa.start(unit.unitName(), emf, db.dataSource());
            JpaUnit.inTransaction(emf, em -> em.persist(
                    new Patron("p1", LocalDate.of(2026, 1, 5), "Nørregade 1", STORED_EMAIL, STORED_PHONE)));
        }

        /** Patron p1's columns, as stored. */
        Map<String, String> stored() throws SQLException {
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT street, email, phone, visits FROM Patron"
                         + " WHERE patronId = 'p1'")) {
                rs.next();
                Map<String, String> columns = new HashMap<>(); // a cleared column is null, which Map.of refuses
                columns.put("street", rs.getString(1));
                columns.put("email", rs.getString(2));
                columns.put("phone", rs.getString(3));
                columns.put("visits", rs.getString(4));
                return columns;
            }
        }

        /**
         * Loads p1 under lending (its e-mail masked), changes it, and saves it under newsletter, to which p1 has
         * consented by then: the right to write the e-mail is checked when the row is written.
         */
        void changeUnderLendingAndSaveUnderNewsletter(BiConsumer<EntityManager, Patron> change) {
            new ConsentRegistry(runtime).give("p1", "newsletter", "notice-1", ConsentEvidence.NONE.withAgeAtLeast(18),
                    "portal");
            EntityManager em = emf.createEntityManager();
            try {
                em.getTransaction().begin();
                Patron patron;
                try (ProcessingContext.Scope lending = ProcessingContext.open("lending", "desk")) {
                    patron = em.find(Patron.class, "p1");
                }
                assertThat(patron.email).as("masked").isNull();
                change.accept(em, patron);
                try (ProcessingContext.Scope newsletter = ProcessingContext.open("newsletter", "desk")) {
                    em.getTransaction().commit();
                }
            } finally {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                em.close();
            }
        }

        void sql(String statement) throws SQLException {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute(statement);
            }
        }

        /** The writes' audit rows of Patron as "ACTION OUTCOME fields purpose", in order. */
        List<String> writeAudit() throws SQLException {
            List<String> rows = new ArrayList<>();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT action, outcome, field_names, COALESCE(purpose, '')"
                         + " FROM custos_audit_record WHERE entity_name = 'Patron' AND action <> 'READ_MASKED'"
                         + " ORDER BY chain_id, record_seq")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                            + rs.getString(4));
                }
            }
            return rows;
        }

        @Override
        public void close() throws Exception {
            emf.close();
            db.close();
        }
    }

    @ProviderMatrix
    void anEntityReadWithMasksIsChangedInItsOtherAttributesAndSaved(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit);
             ProcessingContext.Scope scope = ProcessingContext.open("lending", "desk")) {
            JpaUnit.inTransaction(f.emf, em -> {
                Patron patron = em.find(Patron.class, "p1");
                assertThat(patron.email).as("the e-mail is for the newsletter only").isNull();
                assertThat(patron.phone).isNull();
                patron.visits++; // the application's unrelated update: a visit
            });
            JpaUnit.inTransaction(f.emf, em -> em.find(Patron.class, "p1").street = "Vestergade 2");

            assertThat(f.stored()).isEqualTo(Map.of("street", "Vestergade 2", "email", STORED_EMAIL,
                    "phone", STORED_PHONE, "visits", "1"));
            assertThat(f.writeAudit()).containsExactly(
                    "CREATE DONE email,phone,street ",
                    "UPDATE DONE street lending");
        }
    }

    /**
     * A visit added to a collection: the entity's row changes only its version, which Hibernate writes without a
     * list of changed attributes. Neither validation nor the audit may take the masks for changes.
     */
    @ProviderMatrix
    void aVisitAddedToAnEntityReadWithMasksIsSavedAndNoPersonalDataIsAuditedAsChanged(JpaUnit unit)
            throws Exception {
        try (Fixture f = new Fixture(unit);
             ProcessingContext.Scope scope = ProcessingContext.open("lending", "desk")) {
            JpaUnit.inTransaction(f.emf, em -> em.find(Patron.class, "p1").visitDates.add(LocalDate.of(2026, 2, 1)));

            assertThat(f.stored()).containsEntry("email", STORED_EMAIL).containsEntry("phone", STORED_PHONE);
            try (Connection c = f.db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM Patron_visit")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(f.writeAudit()).containsExactly("CREATE DONE email,phone,street ");
        }
    }

    /**
     * Stored values that fail the constraints (a pseudonym an earlier erasure wrote, data older than the
     * constraint) do not stop an edit either: a masked value is not validated, since it is not written.
     */
    @ProviderMatrix
    void storedValuesThatFailTheirConstraintsDoNotStopAnEditWhileMasked(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit);
             ProcessingContext.Scope scope = ProcessingContext.open("lending", "desk")) {
            f.sql("UPDATE Patron SET email = 'ps1:7f3a', phone = 'ps1:7f3a' WHERE patronId = 'p1'");
            JpaUnit.inTransaction(f.emf, em -> em.find(Patron.class, "p1").street = "Vestergade 2");

            assertThat(f.stored()).containsEntry("street", "Vestergade 2").containsEntry("email", "ps1:7f3a")
                    .containsEntry("phone", "ps1:7f3a");
        }
    }

    /** A form posted back: the detached entity carries the masks, and is merged with the edit. */
    @ProviderMatrix
    void aDetachedEntityReadWithMasksIsMergedWithItsEdit(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit);
             ProcessingContext.Scope scope = ProcessingContext.open("lending", "desk")) {
            Patron detached = JpaUnit.inTransactionReturning(f.emf, em -> em.find(Patron.class, "p1"));
            assertThat(detached.email).isNull();
            detached.street = "Vestergade 2";
            detached.visits++;
            JpaUnit.inTransaction(f.emf, em -> em.merge(detached));

            assertThat(f.stored()).isEqualTo(Map.of("street", "Vestergade 2", "email", STORED_EMAIL,
                    "phone", STORED_PHONE, "visits", "1"));
            assertThat(f.writeAudit()).last().isEqualTo("UPDATE DONE street lending");
        }
    }

    /** Validation still holds for what is written, and a failed validation leaves the masks in place. */
    @ProviderMatrix
    void theAttributesTheCallerSeesAreStillValidated(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit);
             ProcessingContext.Scope scope = ProcessingContext.open("lending", "desk")) {
            EntityManager em = f.emf.createEntityManager();
            try {
                em.getTransaction().begin();
                Patron patron = em.find(Patron.class, "p1");
                patron.street = "";
                Throwable failure = catchThrowable(() -> em.flush());
                assertThat(causes(failure)).anySatisfy(t -> assertThat(t).isInstanceOf(
                        ConstraintViolationException.class));
                ConstraintViolationException violations = (ConstraintViolationException) causes(failure).stream()
                        .filter(ConstraintViolationException.class::isInstance).findFirst().orElseThrow();
                assertThat(violations.getConstraintViolations())
                        .extracting(v -> v.getPropertyPath().toString()).containsExactly("street");
                assertThat(patron.email).as("still masked").isNull();
                assertThat(patron.phone).isNull();
            } finally {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                em.close();
            }
            assertThat(f.stored()).containsEntry("street", "Nørregade 1").containsEntry("email", STORED_EMAIL);
        }
    }

    /**
     * A unit given its validator factory (as a server gives it, {@code jakarta.persistence.validation.factory}) is
     * validated by that factory with the masks hidden, on Hibernate 7 too, whose listener makes its validator once:
     * the violation's message comes from the given factory's interpolator, and the masked, empty e-mail and phone
     * (both {@code @NotEmpty}) are not reported.
     */
    @ProviderMatrix
    void theValidatorFactoryTheUnitIsGivenValidatesWithTheMasksHidden(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database());
             ValidatorFactory given = Validation.byDefaultProvider().configure()
                     .messageInterpolator(new FixedMessage("from the given factory")).buildValidatorFactory()) {
            EntityManagerFactory emf = unit.openVariant("validated", db,
                    Map.of("custos.pack", "dk", "jakarta.persistence.validation.factory", given));
            try {
                CustosJpa.start(unit.unitName(), emf, db.dataSource());
                JpaUnit.inTransaction(emf, em -> em.persist(
                        new Patron("p1", LocalDate.of(2026, 1, 5), "Nørregade 1", STORED_EMAIL, STORED_PHONE)));
                try (ProcessingContext.Scope scope = ProcessingContext.open("lending", "desk")) {
                    Throwable failure = catchThrowable(() -> JpaUnit.inTransaction(emf,
                            em -> em.find(Patron.class, "p1").street = ""));
                    ConstraintViolationException violations = (ConstraintViolationException) causes(failure)
                            .stream().filter(ConstraintViolationException.class::isInstance).findFirst()
                            .orElseThrow();
                    assertThat(violations.getConstraintViolations()).singleElement().satisfies(v -> {
                        assertThat(v.getPropertyPath()).hasToString("street");
                        assertThat(v.getMessage()).isEqualTo("from the given factory");
                    });
                    JpaUnit.inTransaction(emf, em -> em.find(Patron.class, "p1").street = "Vestergade 2");
                }
            } finally {
                emf.close();
            }
        }
    }

    /** A message interpolator whose every message is the same text. */
    private record FixedMessage(String text) implements MessageInterpolator {
        @Override
        public String interpolate(String template, Context context) {
            return text;
        }

        @Override
        public String interpolate(String template, Context context, Locale locale) {
            return text;
        }
    }

    @ProviderMatrix
    void aChangeOfAMaskedAttributeIsRefusedAndAudited(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit);
             ProcessingContext.Scope scope = ProcessingContext.open("lending", "desk")) {
            AccessRefusedException refused = refusal(catchThrowable(() -> JpaUnit.inTransaction(f.emf, em -> {
                Patron patron = em.find(Patron.class, "p1");
                patron.street = "Vestergade 2";
                patron.email = "new@example.org";
            })));
            assertThat(refused.messageId()).isEqualTo("CUSTOS-04450");
            assertThat(refused.getMessage()).contains("Patron", "email").doesNotContain("new@example.org")
                    .doesNotContain(STORED_EMAIL);

            assertThat(f.stored()).containsEntry("street", "Nørregade 1").containsEntry("email", STORED_EMAIL);
            assertThat(f.writeAudit()).last().isEqualTo("WRITE_DENIED DENIED email lending");
        }
    }

    /** The right is checked when the row is written: a caller who may read the attribute by then writes it. */
    @ProviderMatrix
    void aMaskedAttributeIsWrittenByACallerWhoMayReadItWhenTheRowIsWritten(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit)) {
            f.changeUnderLendingAndSaveUnderNewsletter((em, patron) -> patron.email = "new@example.org");
            assertThat(f.stored()).containsEntry("email", "new@example.org").containsEntry("phone", STORED_PHONE);
            assertThat(f.writeAudit()).last().isEqualTo("UPDATE DONE email newsletter");
        }
    }

    /**
     * The mask is null, so a caller's setEmail(null) cannot be told from leaving it masked: the stored value
     * stays, as for every other save of the entity. Clearing on purpose goes through {@link MaskedValues}.
     */
    @ProviderMatrix
    void aPlainNullOnAMaskedAttributeCannotBeToldFromTheMaskAndKeepsTheStoredValue(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit);
             ProcessingContext.Scope scope = ProcessingContext.open("lending", "desk")) {
            JpaUnit.inTransaction(f.emf, em -> {
                Patron patron = em.find(Patron.class, "p1");
                patron.email = null;
                patron.street = "Vestergade 2";
            });
            assertThat(f.stored()).containsEntry("street", "Vestergade 2").containsEntry("email", STORED_EMAIL);
        }
    }

    /** Issue #19: a masked attribute cleared on purpose by a caller who may process it is written and audited. */
    @ProviderMatrix
    void aMaskedAttributeClearedOnPurposeIsWrittenAndAudited(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit, WITHOUT_VALIDATION)) {
            f.changeUnderLendingAndSaveUnderNewsletter((em, patron) -> MaskedValues.clear(em, patron, "email"));
            assertThat(f.stored()).containsEntry("email", null).containsEntry("phone", STORED_PHONE)
                    .containsEntry("street", "Nørregade 1");
            assertThat(f.writeAudit()).last().isEqualTo("UPDATE DONE email newsletter");
        }
    }

    /** Issue #19: clearing a masked attribute on purpose needs the right to process it, as any write does. */
    @ProviderMatrix
    void aMaskedAttributeClearedOnPurposeByACallerWhoMayNotProcessItIsRefused(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit, WITHOUT_VALIDATION);
             ProcessingContext.Scope scope = ProcessingContext.open("lending", "desk")) {
            AccessRefusedException refused = refusal(catchThrowable(() -> JpaUnit.inTransaction(f.emf, em -> {
                Patron patron = em.find(Patron.class, "p1");
                patron.street = "Vestergade 2";
                MaskedValues.clear(em, patron, "email");
            })));
            assertThat(refused.messageId()).isEqualTo("CUSTOS-04450");
            assertThat(refused.getMessage()).contains("Patron", "email").doesNotContain(STORED_EMAIL);

            assertThat(f.stored()).containsEntry("street", "Nørregade 1").containsEntry("email", STORED_EMAIL);
            assertThat(f.writeAudit()).last().isEqualTo("WRITE_DENIED DENIED email lending");
        }
    }

    /** A masked attribute cleared on purpose is a write of null, and so validated like one. */
    @ProviderMatrix
    void aMaskedAttributeClearedOnPurposeIsValidated(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit);
             ProcessingContext.Scope scope = ProcessingContext.open("lending", "desk")) {
            Throwable failure = catchThrowable(() -> JpaUnit.inTransaction(f.emf,
                    em -> MaskedValues.clear(em, em.find(Patron.class, "p1"), "email")));
            ConstraintViolationException violations = (ConstraintViolationException) causes(failure).stream()
                    .filter(ConstraintViolationException.class::isInstance).findFirst().orElseThrow();
            assertThat(violations.getConstraintViolations())
                    .extracting(v -> v.getPropertyPath().toString()).containsExactly("email");
            assertThat(f.stored()).containsEntry("email", STORED_EMAIL);
        }
    }

    /** Custos knows what it masked only on managed entities: a detached one is refused, not silently dropped. */
    @ProviderMatrix
    void clearingOnADetachedEntityIsRefused(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit);
             ProcessingContext.Scope scope = ProcessingContext.open("lending", "desk")) {
            Patron detached = JpaUnit.inTransactionReturning(f.emf, em -> em.find(Patron.class, "p1"));
            Throwable thrown = catchThrowable(() -> JpaUnit.inTransaction(f.emf,
                    em -> MaskedValues.clear(em, detached, "email")));
            assertThat(thrown).isInstanceOf(dev.custos.core.CustosException.class).hasMessageContaining("CUSTOS-04442");
            assertThat(f.stored()).containsEntry("email", STORED_EMAIL);
        }
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = thrown; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }
}
