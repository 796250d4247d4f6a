// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.cdi.internal.CheckpointScheduler;
import dev.custos.cdi.testing.CdiClinic;
import dev.custos.cdi.testmodel.Session;
import dev.custos.core.audit.CheckpointSignatures;
import dev.custos.core.audit.Checkpoint;
import dev.custos.jpa.CustosSetting;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the operator's key set, the CDI layer signs the chains' checkpoints on the server's scheduler. */
class CheckpointSchedulerTest {

    @TempDir
    Path folder;

    private WeldContainer container;

    @AfterEach
    void clear() {
        if (container != null) {
            container.close();
        }
        System.clearProperty(CustosSetting.CHECKPOINT_SIGNING_KEY.key());
        System.clearProperty(CustosSetting.CHECKPOINT_INTERVAL.key());
    }

    @Test
    void theScheduledSigningCoversWhatWasAuditedWithASignatureOfTheOperatorsKey() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        System.setProperty(CustosSetting.CHECKPOINT_SIGNING_KEY.key(),
                Files.write(folder.resolve("checkpoint.key"), keys.getPrivate().getEncoded()).toString());
        System.setProperty(CustosSetting.CHECKPOINT_INTERVAL.key(), "PT0.2S");
        container = CdiClinic.weld(CheckpointScheduler.class, ScheduledSweepTest.Executor.class).initialize();
        CdiClinic.store(container.select(EntityManagerFactory.class).get(), "treatment",
                new Session(1L, "client-1", "sleeps badly"));

        boolean verified = false;
        for (int attempt = 0; attempt < 150 && !verified; attempt++) {
            try (Connection c = container.select(DataSource.class).get().getConnection();
                 Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT chain_name, chain_id, last_seq, last_hash, signed_at,"
                         + " signature FROM custos_checkpoint WHERE chain_name = 'audit' AND chain_id = 1")) {
                while (rows.next()) {
                    Timestamp at = rows.getTimestamp(5, Calendar.getInstance(TimeZone.getTimeZone("UTC")));
                    verified = CheckpointSignatures.verify(keys.getPublic(), CheckpointSignatures.payload("audit", 1,
                            new Checkpoint(rows.getLong(3), rows.getString(4).strip()), at.toInstant()),
                            rows.getString(6));
                }
            }
            if (!verified) {
                Thread.sleep(200);
            }
        }
        assertThat(verified).as("a checkpoint of the write chain, signed with the operator's key").isTrue();
    }

    @Test
    void aKeyThatCannotBeReadStopsTheDeployment() {
        System.setProperty(CustosSetting.CHECKPOINT_SIGNING_KEY.key(), folder.resolve("missing.key").toString());
        assertThatThrownBy(() -> container = CdiClinic.weld(CheckpointScheduler.class,
                ScheduledSweepTest.Executor.class).initialize())
                .hasStackTraceContaining("CUSTOS-04491");
    }
}
