// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Appointment;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.JournalEntry;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Map;

class CustosJpaStartTest {

    @ProviderMatrix
    void discoversAnnotatedEntitiesFromTheMetamodel(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk"));
            try {
                CustosRuntime custos = CustosJpa.start(unit.unitName(), emf, db.dataSource());

                assertThat(custos.mappings()).extracting(EntityMapping::entityName)
                        .containsExactly("Client", "Inquiry", "JournalEntry", "Member", "Questionnaire",
                                "SealedAnswer");
                assertThat(custos.mapping(Appointment.class)).isEmpty();
                EntityMapping journal = custos.mapping(JournalEntry.class).orElseThrow();
                assertThat(journal.idAttribute()).isEqualTo("id");
                assertThat(journal.subjectPath()).isEqualTo("client.clientId");
                assertThat(journal.model().attribute("note").orElseThrow().rule().id()).isEqualTo("journal");
                EntityMapping client = custos.mapping(Client.class).orElseThrow();
                assertThat(client.subjectPath()).isEqualTo("clientId");
                assertThat(custos.pack().id()).isEqualTo("dk");
            } finally {
                emf.close();
            }
        }
    }

    @ProviderMatrix
    void whatTheSetupChoosesWinsOverTheUnitsProperties(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "no", "custos.roles.no-content",
                    "inspection", "custos.roles.read-only", "inspection", "custos.roles.auditor", "inspection"));
            try {
                CustosRuntime custos = CustosJpa.setup(unit.unitName(), emf, db.dataSource()).pack("dk")
                        .noContentRoles(List.of()).readOnlyRoles(List.of("clerk", "intern"))
                        .auditorRole("custos-auditor").deciderRole("dpo").start();
                assertThat(custos.pack().id()).isEqualTo("dk");
                assertThat(custos.noContentRoles()).isEmpty();
                assertThat(custos.readOnlyRoles()).containsExactly("clerk", "intern");
                assertThat(custos.auditorRole()).isEqualTo("custos-auditor");
                assertThat(custos.deciderRole()).isEqualTo("dpo");
            } finally {
                emf.close();
            }
        }
    }

    @ProviderMatrix
    void aUnitWithoutAPackIsRefusedWithWhatToSet(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of());
            try {
                CustosException e = catchThrowableOfType(CustosException.class, () -> CustosJpa.start(unit.unitName(), emf, db.dataSource()));
                // one report for everything that stops the start, each problem with its id
                assertThat(e.messageId()).isEqualTo("CUSTOS-04440");
                assertThat(((CustosDefinitionException) e).hasProblem("CUSTOS-04401")).isTrue();
                assertThat(e.getMessage()).contains("custos.pack");
            } finally {
                emf.close();
            }
        }
    }

    @ProviderMatrix
    void anUnknownPackIsRefused(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "se"));
            try {
                CustosException e = catchThrowableOfType(CustosException.class, () -> CustosJpa.start(unit.unitName(), emf, db.dataSource()));
                assertThat(e.messageId()).isEqualTo("CUSTOS-04440");
                assertThat(((CustosDefinitionException) e).hasProblem("CUSTOS-01202")).isTrue();
            } finally {
                emf.close();
            }
        }
    }

    @ProviderMatrix
    void everyMistakeOfTheModelIsReportedAtStartAtOnce(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.openBroken(db, Map.of("custos.pack", "dk"));
            try {
                CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class,
                        () -> CustosJpa.start(unit.unitName(), emf, db.dataSource()));
                assertThat(e.problems()).extracting(Message::code).containsExactlyInAnyOrder(
                        "CUSTOS-04404",   // TransientNote.note is not persistent
                        // TransientNote.phone, a CRYPTO_SHRED String, is valid (04418 is retired)
                        "CUSTOS-01002",   // Orphan has no @DataSubject
                        "CUSTOS-01004",   // Orphan.email: consent without a purpose
                        "CUSTOS-01201");  // Orphan.email: policy:marketing is not in the dk pack
                assertThat(e.getMessage()).contains("TransientNote.note", "Orphan");
            } finally {
                emf.close();
            }
        }
    }

    /** Before, a bad setting stopped the start alone, hiding the model's mistakes until the next attempt. */
    @ProviderMatrix
    void settingsAndModelProblemsAreReportedTogether(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.openBroken(db, Map.of("custos.pack", "dk", "custos.log.refusals", "loud",
                    "custos.schema.migrate", "TRUE"));
            try {
                CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class,
                        () -> CustosJpa.start(unit.unitName(), emf, db.dataSource()));
                assertThat(e.messageId()).isEqualTo("CUSTOS-04440");
                assertThat(e.problems()).extracting(Message::code).contains("CUSTOS-04490", "CUSTOS-04402",
                        "CUSTOS-04404", "CUSTOS-01002");
            } finally {
                emf.close();
            }
        }
    }

    /** Before, a switched-off unit still loaded its pack and refused a broken model. */
    @ProviderMatrix
    void switchedOffCustosChecksNothing(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.openBroken(db, Map.of("custos.pack", "se", "custos.enabled", "false"));
            try {
                CustosRuntime custos = CustosJpa.start(unit.unitName(), emf, db.dataSource());
                assertThat(custos.enabled()).isFalse();
                assertThat(catchThrowableOfType(CustosException.class, custos::pack).messageId())
                        .isEqualTo("CUSTOS-04419");
            } finally {
                emf.close();
            }
        }
    }

    @ProviderMatrix
    void switchedOffCustosNeitherSweepsNorAnswersRequests(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk", "custos.enabled", "false"));
            try {
                CustosRuntime custos = CustosJpa.start(unit.unitName(), emf, db.dataSource());
                assertThat(custos.enabled()).isFalse();
                CustosException e = catchThrowableOfType(CustosException.class,
                        () -> new dev.custos.jpa.retention.RetentionSweeper(custos));
                assertThat(e.messageId()).isEqualTo("CUSTOS-04419");
                assertThat(catchThrowableOfType(CustosException.class,
                        () -> new dev.custos.jpa.request.RequestExecutor(custos)).messageId()).isEqualTo("CUSTOS-04419");
            } finally {
                emf.close();
            }
        }
    }

    @ProviderMatrix
    void aUnitIsStartedOnce(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk"));
            try {
                CustosJpa.start(unit.unitName(), emf, db.dataSource());
                CustosException e = catchThrowableOfType(CustosException.class,
                        () -> CustosJpa.start(unit.unitName(), emf, db.dataSource()));
                assertThat(e.messageId()).isEqualTo("CUSTOS-04420");
            } finally {
                emf.close();
            }
        }
    }
}
