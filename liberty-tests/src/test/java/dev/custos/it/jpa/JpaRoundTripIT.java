// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ground the other tests stand on: a JTA persistence unit over the server's Derby data source. */
@ExtendWith(ArquillianExtension.class)
class JpaRoundTripIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "jpa-roundtrip.war")
                .addClasses(Note.class, NoteStore.class)
                .addAsResource(JpaRoundTripIT.class.getPackage(), "persistence.xml", "META-INF/persistence.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    NoteStore notes;

    @Resource(lookup = "jdbc/custos")
    DataSource dataSource;

    @Test
    void persistsInOneTransactionAndFindsInTheNext() throws Exception {
        Note stored = new Note("first note", LocalDate.of(2025, 3, 1));
        long id = notes.add(stored);

        Note found = notes.find(id);
        assertNotSame(stored, found);
        assertEquals("first note", found.text);
        assertEquals(LocalDate.of(2025, 3, 1), found.written);

        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT text FROM it_note WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "the row is in Derby");
                assertEquals("first note", rs.getString(1));
            }
        }
    }

    @Test
    void theEntityManagerJoinsTheJtaTransaction() {
        assertTrue(notes.joinsTheTransaction());
    }
}
