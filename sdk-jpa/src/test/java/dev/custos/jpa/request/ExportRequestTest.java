// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.JournalEntry;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Access exports (GDPR Art. 15) and portability exports (Art. 20), as JSON. */
class ExportRequestTest {

    @ProviderMatrix
    void anAccessExportHoldsAllOfTheSubjectsDataAndNobodyElsesWithConsentHistoryAndAccessLog(JpaUnit unit)
            throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            assertThat(f.readQuestionnaire(1L).answers).isEqualTo("Ada answers"); // audited on the read chain
            DataSubjectRequest request = f.verified(RequestType.ACCESS, "c1");

            String json = f.executor.exportAccess(request.id());

            assertThat(json).contains("\"subject\": \"c1\"", "\"Ada Lund\"", "\"ada@example.org\"",
                    "\"Ada sleeps badly\"", "\"Ada answers\"", "\"note\"");
            assertThat(json).doesNotContain("Bo Berg", "bo@example.org", "Bo talked about work", "Bo answers");
            assertThat(json).contains("\"retentionRule\": \"journal\"", "\"basis\": \"GDPR Art. 6(1)(c)\"");
            assertThat(json).contains("\"purpose\": \"newsletter\"", "\"purpose\": \"research\"",
                    "\"event\": \"GIVEN\"", "\"noticeVersion\": \"notice-1\"");
            assertThat(json).contains("\"actor\": \"dr.berg\"", "\"action\": \"READ\"", "\"action\": \"CREATE\"",
                    "\"chain\": \"2\"", "\"chain\": \"1\"");
            assertThat(f.executor.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.COMPLETED);
            assertThat(f.audit(1)).contains("EXPORT DONE Client email,name data-subject-request",
                    "EXPORT DONE JournalEntry note data-subject-request",
                    "EXPORT DONE Questionnaire answers data-subject-request",
                    "REQUEST_COMPLETED DONE   data-subject-request");
        }
    }

    @ProviderMatrix
    void aSubjectWithThousandsOfRowsIsExportedPageByPage(JpaUnit unit) throws Exception {
        int entries = 2_000;
        assertThat(SubjectRows.PAGE).as("the export must need several pages").isLessThan(entries / 2);
        try (RequestFixture f = new RequestFixture(unit)) {
            try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "reception")) {
                JpaUnit.inTransaction(f.emf, em -> {
                    Client ada = em.getReference(Client.class, "c1");
                    for (int i = 0; i < entries; i++) {
                        em.persist(new JournalEntry(ada, LocalDate.of(2025, 6, 1), String.format("entry-%05d", i)));
                        if (i % 200 == 199) {
                            em.flush();
                            em.clear();
                            ada = em.getReference(Client.class, "c1");
                        }
                    }
                });
            }
            DataSubjectRequest request = f.verified(RequestType.ACCESS, "c1");

            String json = f.executor.exportAccess(request.id());

            Set<String> seen = new HashSet<>();
            Matcher entry = Pattern.compile("\"note\": \"(entry-\\d{5})\"").matcher(json);
            int count = 0;
            while (entry.find()) {
                seen.add(entry.group(1));
                count++;
            }
            assertThat(count).as("every entry exactly once").isEqualTo(entries);
            assertThat(seen).hasSize(entries);
            assertThat(json).contains("\"Ada sleeps badly\"").doesNotContain("Bo talked about work");
        }
    }

    @ProviderMatrix
    void aPortabilityExportHoldsOnlyWhatTheSubjectProvidedUnderConsentOrContract(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = f.verified(RequestType.PORTABILITY, "c1");

            String json = f.executor.exportPortable(request.id());

            assertThat(json).contains("\"ada@example.org\"", "\"Ada answers\"", "\"right\": \"GDPR Art. 20\"");
            assertThat(json).as("the journal is kept under a legal duty, the name was not provided by the subject")
                    .doesNotContain("Ada sleeps badly", "Ada Lund");
            // issue 18: each attribute left out is listed with why and the article
            String leftOut = json.substring(json.indexOf("\"leftOut\""));
            assertThat(leftOut).contains("\"entity\": \"JournalEntry\"", "\"attribute\": \"note\"",
                    "\"why\": \"basis LEGAL_OBLIGATION: GDPR Art. 20(1)(a)\"",
                    "\"attribute\": \"name\"", "\"why\": \"not provided by the subject: GDPR Art. 20(1)\"");
            assertThat(leftOut).doesNotContain("\"attribute\": \"email\"", "\"attribute\": \"answers\"");
            assertThat(json.substring(0, json.indexOf("\"leftOut\""))).doesNotContain("JournalEntry");
            assertThat(json).doesNotContain("bo@example.org", "Bo answers");
            assertThat(f.executor.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.COMPLETED);
        }
    }
}
