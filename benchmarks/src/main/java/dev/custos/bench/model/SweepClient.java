// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench.model;

import static dev.custos.core.gdpr.DataCategory.IDENTITY;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * The retention sweep's entity: a name kept for a year after the last session, then nulled (NULLIFY, the
 * default strategy). The hand-written baseline is {@code UPDATE bench_sweep_client SET name = NULL WHERE
 * lastSession <= :cutoff AND name IS NOT NULL}.
 */
@Entity
@Table(name = "bench_sweep_client")
public class SweepClient {

    @Id
    public Long id;

    @DataSubject(category = "client")
    @Column(length = 64)
    public String subjectId;

    @RetentionAnchor(event = "last-session")
    public LocalDate lastSession;

    @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "P1Y after last-session", purpose = "treatment")
    @Column(length = 200)
    public String name;

    protected SweepClient() {
    }
}
