// SPDX-License-Identifier: Apache-2.0
package dev.custos.docs;

import dev.custos.core.policy.PolicyPacks;
import dev.custos.core.policy.PolicyReference;
import org.junit.jupiter.api.Test;

/** Documents generated from code must match it; {@code -Dcustos.docs.update=true} regenerates them. */
class GeneratedDocumentsTest {

    @Test
    void policyReferenceIsFresh() throws Exception {
        DocFiles.assertFresh(DocFiles.projectRoot().resolve("docs/policy-reference.md"),
                PolicyReference.toMarkdown(PolicyPacks.BUILT_IN.stream().map(PolicyPacks::load).toList()));
    }

    @Test
    void derbyDdlIsFresh() throws Exception {
        DocFiles.assertFresh(DocFiles.projectRoot().resolve("docs/sql/derby-schema.sql"),
                PlainDdl.of("derby", "Apache Derby"));
    }

    @Test
    void postgresqlDdlIsFresh() throws Exception {
        DocFiles.assertFresh(DocFiles.projectRoot().resolve("docs/sql/postgresql-schema.sql"),
                PlainDdl.of("postgresql", "PostgreSQL"));
    }

    @Test
    void mariadbDdlIsFresh() throws Exception {
        DocFiles.assertFresh(DocFiles.projectRoot().resolve("docs/sql/mariadb-schema.sql"),
                PlainDdl.of("mariadb", "MariaDB"));
    }
}
