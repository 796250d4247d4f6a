// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Optional;

class RequestStoreTest {

    static final Instant T0 = Instant.parse("2024-01-31T10:00:00Z");
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private final SubjectKeys keys = new SubjectKeys();
    private final RequestStore requests = new RequestStore(keys);

    @DatabaseTest
    void aRequestAndItsMovesRoundTrip(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            DataSubjectRequest received = DataSubjectRequest.receive("r-1", "kari", RequestType.ERASURE, T0, OSLO,
                    Optional.of(Period.ofDays(30)));
            StoredRequest stored = requests.insert(c, received);
            c.commit();
            assertThat(stored.version()).isEqualTo(1);
            assertThat(requests.find(c, "r-1")).contains(stored);

            DataSubjectRequest moved = received.verifyIdentity(T0.plusSeconds(60), "clerk")
                    .start(T0.plusSeconds(120), "clerk")
                    .extend(T0.plusSeconds(180), "clerk", "large archive");
            StoredRequest updated = requests.update(c, stored, moved);
            DataSubjectRequest refused = moved.refuse(T0.plusSeconds(240), "dpo", "legal claims pending",
                    "GDPR Art. 17(3)(e)");
            StoredRequest last = requests.update(c, updated, refused);
            c.commit();

            assertThat(last.version()).isEqualTo(3);
            assertThat(requests.find(c, "r-1")).contains(last);
            assertThat(requests.find(c, "r-2")).isEmpty();
        }
    }

    @DatabaseTest
    void aStaleVersionIsRefused(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            DataSubjectRequest received = DataSubjectRequest.receive("r-1", "kari", RequestType.ACCESS, T0, OSLO,
                    Optional.empty());
            StoredRequest stored = requests.insert(c, received);
            requests.update(c, stored, received.verifyIdentity(T0.plusSeconds(1), "clerk"));

            assertThatThrownBy(() -> requests.update(c, stored, received.refuse(T0.plusSeconds(2), "clerk",
                    "not identified", "GDPR Art. 12(6)")))
                    .isInstanceOfSatisfying(CustosException.class,
                            e -> assertThat(e.messageId()).isEqualTo("CUSTOS-04207"));
            assertThatThrownBy(() -> requests.insert(c, received))
                    .isInstanceOfSatisfying(CustosException.class,
                            e -> assertThat(e.messageId()).isEqualTo("CUSTOS-04206"));
        }
    }

    @DatabaseTest
    void openRequestsComeMostUrgentFirst(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            DataSubjectRequest late = DataSubjectRequest.receive("r-late", "a", RequestType.ACCESS,
                    T0.plusSeconds(86_400 * 10L), OSLO, Optional.empty());
            DataSubjectRequest early = DataSubjectRequest.receive("r-early", "b", RequestType.ACCESS, T0, OSLO,
                    Optional.empty());
            DataSubjectRequest done = DataSubjectRequest.receive("r-done", "c", RequestType.ACCESS, T0, OSLO,
                    Optional.empty());
            requests.insert(c, late);
            requests.insert(c, early);
            StoredRequest doneStored = requests.insert(c, done);
            requests.update(c, doneStored, done.verifyIdentity(T0.plusSeconds(1), "clerk")
                    .start(T0.plusSeconds(2), "clerk").complete(T0.plusSeconds(3), "clerk"));
            c.commit();

            assertThat(requests.open(c)).extracting(r -> r.request().id()).containsExactly("r-early", "r-late");
        }
    }

    @DatabaseTest
    void forgettingTheSubjectLeavesOnlyThePseudonym(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            requests.insert(c, DataSubjectRequest.receive("r-1", "kari", RequestType.ERASURE, T0, OSLO,
                    Optional.empty()));
            String ref = keys.existingPseudonym(c, "kari").orElseThrow();

            assertThat(requests.forgetSubject(c, "kari")).isEqualTo(1);
            keys.shred(c, "kari");
            c.commit();

            StoredRequest found = requests.find(c, "r-1").orElseThrow();
            assertThat(found.request().subjectId()).isEqualTo(ref);
            assertThat(found.version()).isEqualTo(2);
        }
    }
}
