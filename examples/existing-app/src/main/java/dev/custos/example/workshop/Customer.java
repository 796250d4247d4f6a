// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.DataCategory.IDENTITY;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DeniedAccess;
import dev.custos.core.annotation.DerivedClock;
import dev.custos.core.annotation.DerivedFrom;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A customer of the workshop: who brings bikes in, and how to reach them when a repair is done. */
@Entity
@Table(name = "customer")
@NamedQuery(name = "Customer.search",
        query = "SELECT c FROM Customer c WHERE c.searchName LIKE :term ORDER BY c.id")
// Custos: the entity, not c.email: a query that selects guarded values is refused (CUSTOS-04428)
@NamedQuery(name = "Customer.newsletter",
        query = "SELECT c FROM Customer c WHERE c.newsletter = TRUE ORDER BY c.id")
// Custos: the retention clock is the date of the customer's last repair, which no column of the customer holds
@DerivedClock(event = "last-repair", path = "bikes.repairs.date")
public class Customer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @DataSubject(category = "customer")
    private Long id;

    @NotEmpty
    @Column(name = "full_name", nullable = false, length = 80)
    @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "policy:customer",
            purpose = {"counter", "newsletter"}, erasure = ErasureStrategy.ANONYMIZE)
    private String fullName;

    @NotEmpty
    @Email
    @Column(name = "email", nullable = false, unique = true, length = 120)
    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "policy:customer",
            purpose = {"counter", "newsletter"}, erasure = ErasureStrategy.ANONYMIZE)
    private String email;

    /** Given for the text message that says a bike is ready, and for nothing else. */
    @Pattern(regexp = "\\+?[0-9 ]{6,20}")
    @Column(name = "phone", length = 20)
    @PersonalData(category = CONTACT, basis = CONSENT, retention = "until-consent-withdrawn",
            purpose = "ready-sms", whenDenied = DeniedAccess.MASK)
    private String phone;

    @Column(name = "street", length = 120)
    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "policy:customer", purpose = "counter",
            whenDenied = DeniedAccess.MASK)
    private String street;

    /** Whether the customer signed up for the newsletter at the counter, and when. */
    @Column(name = "newsletter", nullable = false)
    private boolean newsletter;

    @Column(name = "newsletter_since")
    private LocalDate newsletterSince;

    /** The name in lower case, for the search box: kept by the entity itself. */
    @Column(name = "search_name", nullable = false, length = 80)
    @DerivedFrom("fullName")
    private String searchName;

    @OneToMany(mappedBy = "customer", cascade = CascadeType.ALL)
    private List<Bike> bikes = new ArrayList<>();

    protected Customer() {
    }

    public Customer(String fullName, String email, String phone, String street) {
        this.fullName = fullName;
        this.email = email;
        this.phone = phone;
        this.street = street;
    }

    @PrePersist
    @PreUpdate
    void index() {
        searchName = fullName == null ? "" : fullName.toLowerCase(Locale.ROOT);
    }

    public Long getId() {
        return id;
    }

    public String getFullName() {
        return fullName;
    }

    public String getEmail() {
        return email;
    }

    public String getPhone() {
        return phone;
    }

    public String getStreet() {
        return street;
    }

    public void setStreet(String street) {
        this.street = street;
    }

    public boolean isNewsletter() {
        return newsletter;
    }

    public LocalDate getNewsletterSince() {
        return newsletterSince;
    }

    public List<Bike> getBikes() {
        return bikes;
    }

    /** Custos: the id only; a name or an address in a log line outlives every erasure. */
    @Override
    public String toString() {
        return "Customer[" + id + "]";
    }
}
