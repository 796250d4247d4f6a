// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel;

import static dev.custos.core.gdpr.DataCategory.DEMOGRAPHIC;
import static dev.custos.core.gdpr.DataCategory.IDENTITY;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DerivedFrom;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A member whose data stays usable for statistics after retention: pseudonymised and anonymised, not nulled. */
@Entity
@Table(name = "Member") // the entity name as table name, for plain SQL in tests; see Inquiry
public class Member {

    @Id
    public Long id;

    @DataSubject(category = "member")
    @Column(length = 64)
    public String memberId;

    @RetentionAnchor(event = "last-visit")
    public LocalDate lastVisit;

    @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "P1Y after last-visit", purpose = "membership",
            erasure = ErasureStrategy.PSEUDONYMIZE)
    public String nickname;

    @PersonalData(category = DEMOGRAPHIC, basis = CONTRACT, retention = "P1Y after last-visit", purpose = "membership",
            erasure = ErasureStrategy.ANONYMIZE)
    @Column(nullable = false)
    public Integer birthYear;

    @DerivedFrom("nickname")
    public String searchName;

    protected Member() {
    }

    public Member(Long id, String memberId, LocalDate lastVisit, String nickname, Integer birthYear) {
        this.id = id;
        this.memberId = memberId;
        this.lastVisit = lastVisit;
        this.nickname = nickname;
        this.birthYear = birthYear;
        this.searchName = nickname == null ? null : nickname.toLowerCase(java.util.Locale.ROOT);
    }
}
