// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel.constrained;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.DataCategory.IDENTITY;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A customer of an application written without Custos: NOT NULL and UNIQUE personal columns with Bean
 * Validation on them, each erased by a strategy that suits its constraints. A mailing list processed for direct
 * marketing, so that an erasure request erases it at once (GDPR Art. 17(1)(c), Art. 21(2)).
 */
@Entity
@Table(name = "Customer")
public class Customer {

    @Id
    public Long id;

    @DataSubject(category = "customer")
    @Column(length = 64)
    public String customerId;

    @RetentionAnchor(event = "last-order")
    public LocalDate lastOrder;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y after last-order", purpose = "mailing",
            directMarketing = true, erasure = ErasureStrategy.ANONYMIZE)
    @NotEmpty
    @Email
    @Column(nullable = false, unique = true, length = 80)
    public String email;

    @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "P1Y after last-order", purpose = "mailing",
            directMarketing = true, erasure = ErasureStrategy.PSEUDONYMIZE)
    @NotEmpty
    @Pattern(regexp = "[A-Z][a-z]+")
    @Size(max = 20)
    @Column(nullable = false, length = 40)
    public String lastName;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y after last-order", purpose = "mailing",
            directMarketing = true, erasure = ErasureStrategy.ANONYMIZE)
    @Pattern(regexp = "\\+?[0-9]{8,20}")
    @Column(unique = true, length = 24)
    public String phone;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y after last-order", purpose = "mailing",
            directMarketing = true, erasure = ErasureStrategy.ANONYMIZE, replacement = "ZZ-{token}")
    @Pattern(regexp = "ZZ-[0-9a-f]{6,}")
    public String postcode;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y after last-order", purpose = "mailing",
            directMarketing = true)
    public String city;

    protected Customer() {
    }

    public Customer(Long id, String customerId, LocalDate lastOrder, String email, String lastName, String phone,
                    String postcode, String city) {
        this.id = id;
        this.customerId = customerId;
        this.lastOrder = lastOrder;
        this.email = email;
        this.lastName = lastName;
        this.phone = phone;
        this.postcode = postcode;
        this.city = city;
    }
}
