// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The workshop with Custos added: its own endpoints still work after a masked read, after an erasure request and
 * after a sweep, and the owner's adoption report, the auditor's trail and the server's log say what happened.
 * The sweep erases the seeded customer whose last repair is over three years old (Frida, id 4); WorkshopIT's
 * tests do not touch her, so the two classes may run in either order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustosIT {

    private static final WorkshopHttp COUNTER = WorkshopHttp.as("counter");
    private static final WorkshopHttp OWNER = WorkshopHttp.as("owner");
    private static final WorkshopHttp AUDITOR = WorkshopHttp.as("auditor");

    /** Values of the people this class erases: none may be left in the log. */
    private static final List<String> ERASED_VALUES =
            List.of("Frida Berg", "frida@example.org", "+45 20 77 88 99", "Kirkestien", "Hanna Vik", "hanna@example.org");

    @BeforeAll
    static void started() throws InterruptedException {
        WorkshopHttp.awaitStarted();
        BuildSchema.dropWhenTestsEnd();
    }

    @Test
    @Order(1)
    void theAdoptionReportSaysWhatTheFirstSweepWillDo() {
        WorkshopHttp.Reply reply = OWNER.get("api/privacy/adoption");

        assertThat(reply.status()).isEqualTo(200);
        JsonObject customers = reply.array().getValuesAs(JsonObject.class).stream()
                .filter(line -> line.getString("entity").equals("Customer") && line.getString("rule").equals("customer"))
                .findFirst().orElseThrow();
        // Frida's last repair was in 2019; Gustav never had one, so his clock has no value and he is kept
        assertThat(customers.getJsonNumber("due").longValue()).as(customers.toString()).isEqualTo(1);
        assertThat(customers.getJsonNumber("noClock").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(customers.getJsonNumber("kept").longValue()).isGreaterThanOrEqualTo(3);
        assertThat(customers.getJsonArray("advice")).isNotEmpty();
    }

    @Test
    @Order(2)
    void aMaskedPhoneDoesNotStopTheCounterFromSavingTheCustomer() {
        JsonObject alma = COUNTER.get("api/customers/1").object();
        // the phone was given for the ready-SMS only: the counter sees it masked
        assertThat(absent(alma, "phone")).as(alma.toString()).isTrue();
        assertThat(alma.getString("fullName")).isEqualTo("Alma Fjeld");

        WorkshopHttp.Reply moved = COUNTER.put("api/customers/1/street", "{\"street\":\"Birkevej 6\"}");

        assertThat(moved.status()).isEqualTo(200);
        List<JsonObject> trail = AUDITOR.get("api/privacy/audit/1").array().getValuesAs(JsonObject.class);
        assertThat(trail).anySatisfy(line -> {
            assertThat(line.getString("action")).isEqualTo("UPDATE");
            assertThat(line.getJsonArray("fields").getValuesAs(JsonString::getString)).containsExactly("street");
        });
        assertThat(trail).anySatisfy(line -> assertThat(line.getString("action")).isEqualTo("READ_MASKED"));
    }

    @Test
    @Order(3)
    void theNewsletterGoesToTheSignUpsBroughtIntoTheLedger() {
        WorkshopHttp.Reply reply = COUNTER.get("api/newsletter");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.array().getValuesAs(JsonString::getString))
                .containsExactly("alma@example.org", "cecilie@example.org");
    }

    @Test
    @Order(4)
    void anErasedCustomerStaysInTheRegisterWithoutHerData() {
        long id = COUNTER.post("api/customers", "{\"fullName\":\"Hanna Vik\",\"email\":\"hanna@example.org\","
                + "\"street\":\"Torvet 5\"}").object().getJsonNumber("id").longValue();
        long bike = COUNTER.post("api/customers/" + id + "/bikes", "{\"make\":\"Bianchi road\"}").object()
                .getJsonNumber("id").longValue();

        WorkshopHttp.Reply received = OWNER.post("api/privacy/erasure/" + id, "");

        // the contract's end is not in the data: Custos leaves each value for the owner to decide
        assertThat(received.status()).isEqualTo(200);
        assertThat(received.object().getString("state")).as(received.body()).isEqualTo("IN_PROGRESS");
        assertThat(received.object().getJsonArray("attributes").getValuesAs(JsonObject.class))
                .as(received.body()).isNotEmpty()
                .allSatisfy(line -> assertThat(line.getString("outcome")).isEqualTo("REVIEW"));
        assertThat(COUNTER.get("api/customers/" + id).object().getString("fullName")).isEqualTo("Hanna Vik");

        WorkshopHttp.Reply decided = OWNER.post(
                "api/privacy/requests/" + received.object().getString("request") + "/erase-reviewed", "");

        assertThat(decided.status()).isEqualTo(200);
        assertThat(decided.object().getString("state")).as(decided.body()).isEqualTo("COMPLETED");
        JsonObject after = COUNTER.get("api/customers/" + id).object();
        assertThat(after.getString("fullName")).isNotEqualTo("Hanna Vik");
        assertThat(after.getString("email")).endsWith("@erased.invalid");
        assertThat(COUNTER.get("api/customers?q=hanna").array()).isEmpty();
        // the workshop's own work on her bike goes on
        assertThat(COUNTER.post("api/customers/bikes/" + bike + "/repairs",
                "{\"date\":\"2026-12-01\",\"work\":\"new brake cables\"}").status()).isEqualTo(201);
    }

    @Test
    @Order(5)
    void theSweepAnonymisesTheCustomerWhoseLastRepairIsOverThreeYearsOld() {
        WorkshopHttp.Reply swept = OWNER.post("api/privacy/sweep", "");

        assertThat(swept.status()).isEqualTo(200);
        assertThat(swept.object().getString("outcome")).isEqualTo("COMPLETED");
        assertThat(swept.object().getJsonNumber("erased").longValue()).isEqualTo(1);
        JsonObject frida = COUNTER.get("api/customers/4").object();
        assertThat(frida.getString("fullName")).isNotEqualTo("Frida Berg");
        assertThat(frida.getString("email")).endsWith("@erased.invalid");
        assertThat(absent(frida, "street")).as(frida.toString()).isTrue();
        assertThat(COUNTER.get("api/customers?q=frida").array()).isEmpty();
        // Cecilie's first repair (2021) is over three years old too, but her last (2026) is recent: she is kept
        assertThat(COUNTER.get("api/customers/3").object().getString("fullName")).isEqualTo("Cecilie Holm");
        assertThat(OWNER.get("api/privacy/adoption").array().getValuesAs(JsonObject.class).stream()
                .filter(line -> line.getString("rule").equals("customer"))
                .mapToLong(line -> line.getJsonNumber("due").longValue()).sum()).isZero();
    }

    /** JSON-B leaves a null out of the document. */
    private static boolean absent(JsonObject object, String name) {
        return !object.containsKey(name) || object.isNull(name);
    }

    @Test
    @Order(6)
    void theLogNamesNoErasedPersonAndSummarisesTheSweep() throws IOException {
        String log = Files.readString(Path.of(System.getProperty("workshop.log")), StandardCharsets.UTF_8);

        assertThat(ERASED_VALUES).allSatisfy(value -> assertThat(log).doesNotContain(value));
        assertThat(log).contains("CUSTOS-05014").contains("[unit workshop]");
        // no incident for anything Custos did: a report or a mask is no failure
        assertThat(log).doesNotContain("FFDC1015I: An FFDC Incident has been created: \"dev.custos");
    }
}
