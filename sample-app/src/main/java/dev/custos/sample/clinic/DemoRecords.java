// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.clinic;

import dev.custos.sample.model.Client;
import dev.custos.sample.model.Invoice;
import dev.custos.sample.model.JournalEntry;
import dev.custos.sample.model.JournalEntry.Kind;
import dev.custos.sample.model.NewsletterSubscription;
import dev.custos.sample.model.dk.ConsultingCustomer;
import dev.custos.sample.model.dk.ContactInquiry;
import dev.custos.sample.model.dk.EventRegistration;
import dev.custos.sample.model.dk.GpDisclosure;
import dev.custos.sample.model.no.Contractor;
import dev.custos.sample.model.no.Inquiry;
import dev.custos.sample.model.no.JobApplicant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The demo records of each clinic, dated relative to today so that the story stays the same whenever it runs: two
 * current patients with a journal, a former client whose journal's last entry was four years and ten months ago
 * (due in two months under the Danish pack, after ten years and for review under the Norwegian one), newsletter
 * subscribers, invoices, and what else each clinic's privacy policy names.
 */
@ApplicationScoped
public class DemoRecords {

    /** The former client of each clinic, whose journal shows the two packs' retention side by side. */
    public static final String FORMER_DANISH = "jens";
    public static final String FORMER_NORWEGIAN = "sigrid";

    @Inject
    ClinicUnits units;

    @Inject
    DemoClock clock;

    /** The patients who log in (the server's registry) and subscribe to the newsletter. */
    public static List<String> patients(Clinic clinic) {
        return clinic == Clinic.DANISH ? List.of("anna", "birgit") : List.of("ola", "kari");
    }

    /** The former client whose journal ended four years and ten months ago. */
    public static String former(Clinic clinic) {
        return clinic == Clinic.DANISH ? FORMER_DANISH : FORMER_NORWEGIAN;
    }

    /** The clinician treating the clinic's patients. */
    public static String clinician(Clinic clinic) {
        return clinic == Clinic.DANISH ? "mette" : "dr-berg";
    }

    /**
     * Stores the clinic's records in one transaction, unless they are there already.
     *
     * @return whether anything was stored
     */
    @Transactional
    public boolean store(Clinic clinic) {
        EntityManager em = units.entityManager(clinic);
        List<String> patients = patients(clinic);
        if (em.find(Client.class, patients.get(0)) != null) {
            return false;
        }
        ZoneId zone = units.custos(clinic).pack().zone();
        LocalDate today = LocalDate.ofInstant(clock.now(), zone);
        String clinician = clinician(clinic);
        boolean danish = clinic == Clinic.DANISH;

        Client first = client(em, patients.get(0), danish ? "Anna Holm" : "Ola Nordmann", clinician,
                today.minusMonths(2));
        entry(em, first, Kind.SESSION_NOTE, today.minusMonths(6), "First session: sleep problems and worry since"
                + " the spring.");
        entry(em, first, Kind.EMAIL, today.minusMonths(2), "Filed e-mail: asks to move next week's session.");
        Client second = client(em, patients.get(1), danish ? "Birgit Lund" : "Kari Berg", clinician,
                today.minusMonths(1));
        entry(em, second, Kind.QUESTIONNAIRE, today.minusMonths(3), "Intake questionnaire: answers filed.");
        entry(em, second, Kind.SESSION_NOTE, today.minusMonths(1), "Session note: goals for the next sessions.");
        Client former = client(em, former(clinic), danish ? "Jens Mortensen" : "Sigrid Haugen", clinician,
                today.minusYears(4).minusMonths(10));
        entry(em, former, Kind.SESSION_NOTE, today.minusYears(5).minusMonths(4), "Session note: course of therapy"
                + " planned.");
        entry(em, former, Kind.SESSION_NOTE, former.lastEntry, "Closing note: therapy ended by agreement.");
        for (String patient : patients) {
            em.persist(new NewsletterSubscription(patient, patient + "@example.org"));
        }
        em.persist(new Invoice(patients.get(0), today.minusMonths(2), danish ? "Anna Holm" : "Ola Nordmann",
                "Therapy session", new BigDecimal(danish ? "950.00" : "1450.00")));
        if (danish) {
            em.persist(new ContactInquiry("lars", today.minusMonths(11), "lars@example.org",
                    "Do you offer group courses for relatives?"));
            em.persist(new EventRegistration("maja", today.minusMonths(1), "Maja Krogh", "maja@example.org",
                    "Webinar: stress and sleep"));
            em.persist(new Invoice("maja", today.minusMonths(1), "Maja Krogh", "Webinar ticket",
                    new BigDecimal("200.00")));
            em.persist(new ConsultingCustomer("peter", today.minusMonths(10), "Peter Dahl",
                    "Supervision: case discussion on burnout in a care team."));
            em.persist(new Invoice("peter", today.minusMonths(10), "Peter Dahl", "Supervision, 2 hours",
                    new BigDecimal("1800.00")));
            em.persist(new dev.custos.sample.model.dk.JobApplicant("sofie", today.minusMonths(2), "Sofie Winther",
                    "Application for the position of psychologist."));
            em.persist(new GpDisclosure(patients.get(0), today.minusMonths(2),
                    "Written consent: the clinic may send a summary of the course of treatment to the client's GP."));
        } else {
            em.persist(new Inquiry("erik", today.minusMonths(23), "erik@example.org",
                    "Is metacognitive therapy offered online?"));
            em.persist(new JobApplicant("hanne", today.plusMonths(1), "Hanne Lie",
                    "Application for the position of therapist."));
            em.persist(new Contractor("tor", today.plusMonths(6), "Tor Aas", "+47 400 00 000"));
            em.persist(new Invoice("tor", today.minusMonths(1), "Tor Aas", "Fee: course teaching",
                    new BigDecimal("6000.00")));
        }
        return true;
    }

    private static Client client(EntityManager em, String id, String name, String clinician, LocalDate lastEntry) {
        Client client = new Client(id, name, id + "@example.org", clinician, lastEntry);
        em.persist(client);
        return client;
    }

    /** A journal entry of {@code client}; its clock, the journal's last entry, Custos derives from all of them. */
    private static void entry(EntityManager em, Client client, Kind kind, LocalDate writtenOn, String text) {
        em.persist(new JournalEntry(client.id, client.treatingClinician, kind, writtenOn, text));
    }
}
