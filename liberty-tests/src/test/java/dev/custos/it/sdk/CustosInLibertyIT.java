// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custos.core.request.RequestType;
import dev.custos.it.WarLibraries;
import dev.custos.it.sdk.bootstrap.CustosStarter;
import dev.custos.it.sdk.model.Client;
import dev.custos.it.sdk.model.Questionnaire;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.request.RequestExecutor;
import dev.custos.jpa.retention.RetentionSweeper;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.persistence.jpa.JpaHelper;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * sdk-jpa started inside Liberty for a JTA unit by a CDI bean in a WEB-INF/lib jar, as the SDK's CDI layer will
 * do it: what works today. The disabled tests are what does not work yet on a JTA unit (see their reasons).
 */
@ExtendWith(ArquillianExtension.class)
class CustosInLibertyIT {

    @Deployment
    static WebArchive deployment() {
        JavaArchive bootstrap = ShrinkWrap.create(JavaArchive.class, "custos-bootstrap.jar")
                .addClass(CustosStarter.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        return ShrinkWrap.create(WebArchive.class, "custos-in-liberty.war")
                .addClasses(Client.class, Questionnaire.class, ClinicStore.class)
                .addAsResource(CustosInLibertyIT.class.getPackage(), "persistence.xml", "META-INF/persistence.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsLibrary(bootstrap)
                .addAsLibraries(WarLibraries.sdkJpaRuntimeWithFlywayMarkers());
    }

    @Inject
    CustosStarter starter;

    @Inject
    ClinicStore store;

    @Resource(lookup = "jdbc/custos-nontx")
    DataSource dataSource;

    @Test
    void aBeanInALibraryJarGetsTheFactoryAndTheDataSourceInjected() {
        EntityManagerFactory injected = starter.injectedFactory();
        assertTrue(injected.getClass().getName().startsWith("com.ibm.ws.jpa."), injected.getClass().getName());
        // the wrapper is no EclipseLink factory: JpaHelper refuses it, unwrap hands out EclipseLink's own
        assertThrows(IllegalArgumentException.class, () -> JpaHelper.getServerSession(injected));
        EntityManagerFactory eclipseLink = injected.unwrap(EntityManagerFactory.class);
        assertTrue(eclipseLink.getClass().getName().startsWith("org.eclipse.persistence."),
                eclipseLink.getClass().getName());
        assertNotNull(starter.nonTransactionalDataSource());

        // the unit's properties do not carry its data source; the server session's login does
        assertTrue(injected.getProperties().values().stream().noneMatch(DataSource.class::isInstance),
                () -> injected.getProperties().toString());
        DatasourceLogin login = (DatasourceLogin) JpaHelper.getServerSession(eclipseLink).getDatasourceLogin();
        JNDIConnector connector = assertInstanceOf(JNDIConnector.class, login.getConnector());
        assertNotNull(connector.getDataSource());
        assertTrue(login.shouldUseExternalTransactionController(), "JTA");
    }

    @Test
    void custosStartsAndMigratesItsTablesOnDerby() throws SQLException {
        CustosRuntime custos = starter.runtime();
        assertEquals(List.of("Client", "Questionnaire"),
                custos.mappings().stream().map(EntityMapping::entityName).toList());
        assertEquals(List.of("0 true", "1 true", "2 true", "3 true", "4 true", "5 true"),
                rows("SELECT \"version\", \"success\" FROM CUSTOS_SCHEMA_HISTORY ORDER BY \"installed_rank\""));
    }

    @Test
    void eclipseLinkWeavesTheEntitiesByDefault() {
        List<String> interfaces = Arrays.stream(Client.class.getInterfaces()).map(Class::getName).toList();
        assertTrue(interfaces.contains("org.eclipse.persistence.internal.weaving.PersistenceWeaved"), interfaces::toString);
        assertTrue(interfaces.contains("org.eclipse.persistence.internal.weaving.PersistenceWeavedChangeTracking"),
                interfaces::toString);
    }

    @Test
    void aReadOfConsentBasedDataWithoutConsentIsRefusedInAndOutsideATransaction() throws SQLException {
        starter.runtime();
        update("INSERT INTO Questionnaire (id, clientId, answers) VALUES (101, 'q-101', 'sleeps badly')");

        AccessRefusedException inTransaction = refusal(assertThrows(RuntimeException.class,
                () -> store.questionnaire(101)));
        assertEquals("CUSTOS-04409", inTransaction.messageId());
        AccessRefusedException outside = refusal(assertThrows(RuntimeException.class,
                () -> store.entityManager().find(Questionnaire.class, 101L)));
        assertEquals("CUSTOS-04409", outside.messageId());
        assertEquals(2, rows("SELECT action FROM custos_audit_record WHERE chain_id = 2 AND action = 'READ_DENIED'"
                + " AND entity_name = 'Questionnaire'").size());
    }

    @Test
    void aConsentBasedFieldIsMaskedAndTheMaskIsNeverWritten() throws SQLException {
        starter.runtime();
        update("INSERT INTO Client (clientId, name, email, lastSession) VALUES ('m-1', 'Bo Dahl', 'bo@example.org',"
                + " '2024-05-01')");

        try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "reception")) {
            Client inTransaction = store.client("m-1");
            assertEquals("Bo Dahl", inTransaction.name);
            assertNull(inTransaction.email, "the e-mail address is for the newsletter only");
            // again, from EclipseLink's shared cache, outside a transaction
            Client outside = store.entityManager().find(Client.class, "m-1");
            assertNull(outside.email);
        }
        assertEquals(List.of("bo@example.org"), rows("SELECT email FROM Client WHERE clientId = 'm-1'"));
        assertEquals(List.of("READ_MASKED DENIED email treatment", "READ_MASKED DENIED email treatment"),
                rows("SELECT action, outcome, field_names, purpose FROM custos_audit_record WHERE chain_id = 2"
                        + " AND entity_name = 'Client' ORDER BY record_seq"));
    }

    @Test
    @Disabled("sdk-jpa on JTA: in a JTA transaction Liberty's connection reports getAutoCommit() == true, so"
            + " AuditTrail refuses to append the write audit (CUSTOS-04202) and the insert is rolled back")
    void aWriteInAJtaTransactionIsAudited() throws SQLException {
        starter.runtime();
        assertTrue(store.transactionConnectionReportsAutoCommit(), "what the audit trail trips over");
        store.add(new Client("w-1", "Ada Lund", "ada@example.org", LocalDate.of(2024, 5, 1)));
        assertEquals(List.of("CREATE DONE Client"),
                rows("SELECT action, outcome, entity_name FROM custos_audit_record WHERE chain_id = 1"));
    }

    @Test
    @Disabled("sdk-jpa on JTA: RequestExecutor runs every call in em.getTransaction() (UnitOfWork), which a JTA"
            + " entity manager refuses with IllegalStateException")
    void requestsAreAnsweredOnAJtaUnit() {
        RequestExecutor executor = new RequestExecutor(starter.runtime());
        assertNotNull(executor.receive(RequestType.ACCESS, "m-1", Instant.now()));
    }

    @Test
    @Disabled("sdk-jpa on JTA: BatchWork runs each batch in em.getTransaction(), which a JTA entity manager refuses"
            + " with IllegalStateException")
    void theRetentionSweepRunsOnAJtaUnit() {
        assertNotNull(new RetentionSweeper(starter.runtime()).sweep());
    }

    private static AccessRefusedException refusal(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof AccessRefusedException refused) {
                return refused;
            }
        }
        throw new AssertionError("expected an AccessRefusedException, got " + thrown, thrown);
    }

    private void update(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** Each row's columns joined by single spaces. */
    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }
}
