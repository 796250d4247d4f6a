// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The workshop's counter, driven through its API as the staff use it every day. */
class WorkshopIT {

    private static final WorkshopHttp COUNTER = WorkshopHttp.as("counter");

    @BeforeAll
    static void started() throws InterruptedException {
        WorkshopHttp.awaitStarted();
        BuildSchema.dropWhenTestsEnd();
    }

    @Test
    void findsSeededCustomersByName() {
        WorkshopHttp.Reply reply = COUNTER.get("api/customers?q=strand");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.array()).hasSize(1);
        assertThat(reply.array().getJsonObject(0).getString("email")).isEqualTo("bo@example.org");
    }

    @Test
    void registersACustomerAndBooksARepair() {
        WorkshopHttp.Reply created = COUNTER.post("api/customers",
                "{\"fullName\":\"Dina Lund\",\"email\":\"dina@example.org\",\"phone\":\"+45 31 31 31 31\","
                        + "\"street\":\"Torvet 1\"}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.object().getJsonNumber("id").longValue();

        WorkshopHttp.Reply bike = COUNTER.post("api/customers/" + id + "/bikes", "{\"make\":\"Kildemoes city\"}");
        assertThat(bike.status()).isEqualTo(201);
        long bikeId = bike.object().getJsonNumber("id").longValue();
        WorkshopHttp.Reply repair = COUNTER.post("api/customers/bikes/" + bikeId + "/repairs",
                "{\"date\":\"2026-11-30\",\"work\":\"new tyres\"}");
        assertThat(repair.status()).isEqualTo(201);

        JsonObject found = COUNTER.get("api/customers/" + id).object();
        assertThat(found.getString("fullName")).isEqualTo("Dina Lund");
        assertThat(COUNTER.get("api/customers?q=dina").array()).hasSize(1);
    }

    @Test
    void refusesAnInvalidEmailWithBeanValidation() {
        WorkshopHttp.Reply reply = COUNTER.post("api/customers",
                "{\"fullName\":\"Erik Dal\",\"email\":\"not-an-address\",\"street\":\"Torvet 2\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("email").doesNotContain("not-an-address");
    }

    @Test
    void recordsAMove() {
        WorkshopHttp.Reply moved = COUNTER.put("api/customers/3/street", "{\"street\":\"Engvej 7\"}");

        assertThat(moved.status()).isEqualTo(200);
        assertThat(COUNTER.get("api/customers/3").object().getString("street")).isEqualTo("Engvej 7");
    }

    @Test
    void listsTheNewsletterRecipients() {
        WorkshopHttp.Reply reply = COUNTER.get("api/newsletter");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.array().getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("alma@example.org", "cecilie@example.org");
    }

    @Test
    void asksForALogin() {
        WorkshopHttp.Reply reply = WorkshopHttp.as(null).get("api/customers");

        assertThat(reply.status()).isEqualTo(401);
    }
}
