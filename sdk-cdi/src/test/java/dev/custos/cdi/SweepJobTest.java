// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.cdi.testing.CdiClinic;
import dev.custos.core.CustosException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retention sweep's batch job where the Jakarta Batch API is on the class path: every artifact the shipped job
 * XML names is a bean of that name, and without a batch runtime behind the API (Java SE), starting the job is
 * refused with its message. The job itself runs in liberty-tests (BatchSweepIT).
 */
class SweepJobTest {

    private WeldContainer container;

    @ApplicationScoped
    public static class Operator {
        @Inject
        RetentionService retention;

        public long start() {
            return retention.startSweepJob();
        }
    }

    @BeforeEach
    void start() {
        container = CdiClinic.weld(Operator.class).initialize();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void everyArtifactOfTheShippedJobIsANamedBean() throws Exception {
        String xml;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/batch-jobs/custos-retention-sweep.xml")) {
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<String> refs = new ArrayList<>();
        Matcher ref = Pattern.compile(" ref=\"([^\"]+)\"").matcher(xml);
        while (ref.find()) {
            refs.add(ref.group(1));
        }
        assertThat(refs).containsExactlyInAnyOrder("custosSweepJobListener", "custosSweepReader",
                "custosSweepWriter", "custosSweepPartitions", "custosSweepCollector", "custosSweepAnalyzer",
                "custosSweepAuditKeys");
        for (String name : refs) {
            assertThat(container.getBeanManager().getBeans(name)).as(name).hasSize(1);
        }
    }

    @Test
    void withoutABatchRuntimeStartingTheJobIsRefused() {
        Operator operator = container.select(Operator.class).get();
        assertThatThrownBy(operator::start).isInstanceOf(CustosException.class)
                .hasMessageStartingWith("CUSTOS-05101: The retention sweep job of persistence unit clinic");
    }
}
