// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel.spread;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;

import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An account whose personal data is spread over three tables (Account, PremiumAccount and the secondary
 * PremiumAccount_address), with perks in a collection table.
 */
@Entity
@Table(name = "PremiumAccount")
@PrimaryKeyJoinColumn(name = "holder_ref")
@SecondaryTable(name = "PremiumAccount_address", pkJoinColumns = @PrimaryKeyJoinColumn(name = "account_ref"))
public class PremiumAccount extends Account {

    @PersonalData(category = CONTACT, basis = CONSENT, retention = "policy:newsletter", purpose = "newsletter",
            providedBySubject = true)
    public String nickname;

    @PersonalData(category = CONTACT, basis = CONSENT, retention = "policy:newsletter", purpose = "newsletter",
            providedBySubject = true)
    @Column(table = "PremiumAccount_address")
    public String street;

    /** Not personal data; its table is keyed by the account. */
    @ElementCollection
    @CollectionTable(name = "PremiumAccount_perk", joinColumns = @JoinColumn(name = "account_ref"))
    @Column(name = "perk", length = 40)
    public List<String> perks = new ArrayList<>();

    protected PremiumAccount() {
    }

    public PremiumAccount(String holderId, String email, Postal postal, String nickname, String street,
                          LocalDate lastSession, List<String> perks) {
        super(holderId, email, postal, lastSession);
        this.nickname = nickname;
        this.street = street;
        this.perks = new ArrayList<>(perks);
    }
}
