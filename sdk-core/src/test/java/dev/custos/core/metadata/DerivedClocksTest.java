// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.metadata;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.DataCategory.TRANSACTION;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;
import static dev.custos.core.gdpr.LegalBasis.LEGAL_OBLIGATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.Message;
import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DerivedClock;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyPacks;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading and checking {@code @DerivedClock}: the forms, the rules naming clocks, and every mistake at once. */
class DerivedClocksTest {

    static final PolicyPack PACK = PolicyPacks.load("test");

    static class Visit {
        LocalDate date;
        String reason;
    }

    static class Pet {
        List<Visit> visits;
    }

    @DerivedClock(event = "last-visit", path = "pets.visits.date")
    @DerivedClock(event = "first-visit", path = "pets.visits.date", aggregate = DerivedClock.Aggregate.EARLIEST)
    static class Owner {
        @DataSubject String id;
        @RetentionAnchor(event = "invoice-date") LocalDate invoiceDate;
        List<Pet> pets;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P3Y after last-visit", purpose = "care")
        String name;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y after first-visit at next --01-31",
                purpose = "care")
        String phone;
        @PersonalData(category = TRANSACTION, basis = LEGAL_OBLIGATION, retention = "policy:bookkeeping of invoice-date",
                purpose = "billing")
        String account;
        @PersonalData(category = TRANSACTION, basis = CONTRACT, retention = "P5Y after fiscal-year-end of last-visit",
                purpose = "billing")
        String card;
    }

    @DerivedClock(event = "last-entry", entity = Entry.class, attribute = "writtenOn")
    static class Entry {
        @DataSubject String clientId;
        LocalDate writtenOn;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P5Y after last-entry", purpose = "care")
        String text;
    }

    @Test
    void pathsAndEntitiesBecomeClocksThatRulesNameByEvent() {
        DataModel model = ModelReader.read(List.of(Owner.class, Entry.class), PACK);
        EntityModel owner = model.entities().get(0);

        assertThat(owner.clocks()).containsOnlyKeys("last-visit", "first-visit");
        DerivedClockModel lastVisit = owner.clocks().get("last-visit");
        assertThat(lastVisit.path()).containsExactly("pets", "visits", "date");
        assertThat(lastVisit.dateType()).isEqualTo(LocalDate.class);
        assertThat(lastVisit.entity()).isEmpty();
        assertThat(owner.clocks().get("first-visit").aggregate()).isEqualTo(DerivedClock.Aggregate.EARLIEST);
        assertThat(owner.attribute("name").orElseThrow().anchor()).isEqualTo("clock:last-visit");
        assertThat(owner.clock("clock:last-visit")).contains(lastVisit);
        assertThat(owner.attribute("phone").orElseThrow().anchor()).isEqualTo("clock:first-visit");
        assertThat(owner.attribute("phone").orElseThrow().rule().retention().next()).contains("--01-31");
        // the pack's fiscal-year rule on an entity with three clocks, from the one it names
        assertThat(owner.attribute("account").orElseThrow().anchor()).isEqualTo("invoiceDate");
        assertThat(owner.attribute("account").orElseThrow().rule().retention().toString())
                .isEqualTo("P5Y after fiscal-year-end of invoice-date");
        assertThat(owner.attribute("card").orElseThrow().anchor()).isEqualTo("clock:last-visit");
        DerivedClockModel entry = model.entities().get(1).clocks().get("last-entry");
        assertThat(entry.entity()).contains(Entry.class);
        assertThat(entry.subjectAttribute()).isEqualTo("clientId");
        assertThat(entry.path()).containsExactly("writtenOn");
    }

    @DerivedClock(event = "last-visit", path = "pets.visit.date")
    @DerivedClock(event = "first-visit", path = "pets.visits.date", aggregate = DerivedClock.Aggregate.EARLIEST)
    @DerivedClock(event = "reason", path = "pets.visits.reason")
    @DerivedClock(event = "through-date", path = "invoiceDate.year")
    @DerivedClock(event = "invoice-date", path = "pets.visits.date")
    @DerivedClock(event = "both", path = "pets.visits.date", entity = Entry.class, attribute = "writtenOn")
    @DerivedClock(event = "neither")
    @DerivedClock(event = "Bad Name", path = "pets.visits.date")
    @DerivedClock(event = "no-subject", entity = Visit.class, attribute = "date")
    static class Broken {
        @DataSubject String id;
        @RetentionAnchor(event = "invoice-date") LocalDate invoiceDate;
        List<Pet> pets;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P3Y after first-vist", purpose = "care")
        String name;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P3Y after invoice-date at next review-day",
                purpose = "care")
        String phone;
        @PersonalData(category = TRANSACTION, basis = LEGAL_OBLIGATION, retention = "policy:newsletter of invoice-date",
                purpose = "billing")
        String account;
    }

    @Test
    void everyMistakeIsReportedAtOnceWithWhatToWriteInstead() {
        CustosDefinitionException e = catchThrowableOfType(() -> ModelReader.read(List.of(Broken.class), PACK),
                CustosDefinitionException.class);

        assertThat(e.problems()).extracting(Message::code).containsAll(List.of("CUSTOS-01056", "CUSTOS-01057",
                "CUSTOS-01058", "CUSTOS-01059", "CUSTOS-01060", "CUSTOS-01061", "CUSTOS-01062", "CUSTOS-01291"));
        assertThat(text(e, "CUSTOS-01058")).contains("pets.visit.date", "did you mean \"visits\"");
        assertThat(text(e, "CUSTOS-01059")).contains("Visit.reason", "java.lang.String");
        assertThat(text(e, "CUSTOS-01060")).contains("invoiceDate");
        assertThat(text(e, "CUSTOS-01056")).contains("invoice-date");
        assertThat(e.problems()).filteredOn(p -> p.code().equals("CUSTOS-01057")).hasSize(2);
        assertThat(text(e, "CUSTOS-01061")).contains("Visit");
        assertThat(text(e, "CUSTOS-01062")).contains("review-day");
        // a rule naming an unknown clock: the known ones, with the nearest
        assertThat(e.problems()).anyMatch(p -> p.text().contains("first-vist")
                && p.text().contains("did you mean \"first-visit\""));
        assertThat(e.problems()).anyMatch(p -> p.text().contains("Bad Name"));
    }

    @Test
    void aNamedReviewDayComesFromThePacksSetting() {
        PolicyPack withDay = new PolicyPack(PACK.id(), PACK.name(), PACK.jurisdiction(), PACK.zone(),
                PACK.fiscalYearEnd(), PACK.description(), PACK.source(), PACK.requests(), PACK.rules(),
                PACK.holdReasons(), java.util.Map.of("review-day", new dev.custos.core.policy.PackSetting("review-day",
                        "--03-01", List.of(new dev.custos.core.policy.Citation("test", "", true, "")), "")));

        DataModel model = ModelReader.read(List.of(Owner.class), withDay);

        assertThat(withDay.monthDay("review-day")).contains(java.time.MonthDay.of(3, 1));
        assertThat(withDay.monthDay("--12-24")).contains(java.time.MonthDay.of(12, 24));
        assertThat(withDay.monthDay("no-such-day")).isEmpty();
        assertThat(model.entities()).hasSize(1);
        assertThat(Set.copyOf(model.entities().get(0).clocks().keySet())).hasSize(2);
    }

    private static String text(CustosDefinitionException e, String code) {
        return e.problems().stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow().text();
    }
}
