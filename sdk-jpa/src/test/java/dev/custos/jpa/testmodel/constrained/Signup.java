// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel.constrained;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DerivedFrom;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;

/** Erasure strategies that the columns' constraints (in the mapping or only in the database) make fail. */
@Entity
@Table(name = "Signup")
public class Signup {

    private static final String RETENTION = "P1Y after signed-up";

    @Id
    public Long id;

    @DataSubject(category = "visitor")
    public String visitorId;

    @RetentionAnchor(event = "signed-up")
    public LocalDate signedUp;

    /** NULLIFY on a NOT NULL column. */
    @PersonalData(category = CONTACT, basis = CONTRACT, retention = RETENTION, purpose = "signup")
    @Column(nullable = false)
    public String name;

    /** NULLIFY on a {@code @NotEmpty} field. */
    @PersonalData(category = CONTACT, basis = CONTRACT, retention = RETENTION, purpose = "signup")
    @NotEmpty
    public String email;

    /** NULLIFY on a column only the database declares NOT NULL. */
    @PersonalData(category = CONTACT, basis = CONTRACT, retention = RETENTION, purpose = "signup")
    @Column(columnDefinition = "VARCHAR(40) NOT NULL")
    public String street;

    /** NULLIFY on a basic attribute that is not optional. */
    @PersonalData(category = CONTACT, basis = CONTRACT, retention = RETENTION, purpose = "signup")
    @Basic(optional = false)
    public String city;

    /** NULLIFY of an attribute whose derived copy is NOT NULL. */
    @PersonalData(category = CONTACT, basis = CONTRACT, retention = RETENTION, purpose = "signup")
    public String nickname;

    @DerivedFrom("nickname")
    @Column(nullable = false)
    public String nicknameSearch;

    /** ANONYMIZE writes one number to every row of a unique column. */
    @PersonalData(category = CONTACT, basis = CONTRACT, retention = RETENTION, purpose = "signup",
            erasure = ErasureStrategy.ANONYMIZE)
    @Column(unique = true)
    public Integer badge;

    /** No derivable text of four digits is distinct enough for a unique column. */
    @PersonalData(category = CONTACT, basis = CONTRACT, retention = RETENTION, purpose = "signup",
            erasure = ErasureStrategy.ANONYMIZE)
    @Pattern(regexp = "[0-9]{4}")
    @Column(unique = true, length = 4)
    public String pin;

    /** A replacement on NULLIFY, which writes none. */
    @PersonalData(category = CONTACT, basis = CONTRACT, retention = RETENTION, purpose = "signup",
            replacement = "x")
    public String note;

    /** A replacement that breaks the pattern. */
    @PersonalData(category = CONTACT, basis = CONTRACT, retention = RETENTION, purpose = "signup",
            erasure = ErasureStrategy.ANONYMIZE, replacement = "none")
    @Pattern(regexp = "[0-9]+")
    public String code;

    /** A column the database makes unique and shorter than the mapping says. */
    @PersonalData(category = CONTACT, basis = CONTRACT, retention = RETENTION, purpose = "signup",
            erasure = ErasureStrategy.ANONYMIZE)
    @Column(columnDefinition = "VARCHAR(12) NOT NULL UNIQUE")
    public String handle;

    protected Signup() {
    }
}
