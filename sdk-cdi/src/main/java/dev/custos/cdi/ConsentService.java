// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import dev.custos.cdi.event.ConsentGiven;
import dev.custos.cdi.event.ConsentWithdrawn;
import dev.custos.cdi.internal.ChangesNothing;
import dev.custos.cdi.internal.ServiceGuard;
import dev.custos.core.consent.ConsentDecision;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.consent.ConsentEvidence;
import dev.custos.core.consent.ConsentStatus;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.consent.ConsentRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import dev.custos.jpa.consent.ImportedConsent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import jakarta.validation.constraints.Size;

/**
 * Records consent given and withdrawn, for the application's persistence unit, and answers what consent
 * permits. A change takes effect at once and is audited; {@link ConsentGiven} or {@link ConsentWithdrawn} is
 * fired after it is recorded. To have consent-only data erased at once on withdrawal, submit a consent
 * withdrawal request through {@link RequestService} instead; otherwise the next sweep erases it.
 */
@ApplicationScoped
@ServiceGuard
public class ConsentService {

    @Inject
    CustosUnits units;

    @Inject
    Event<ConsentGiven> given;

    @Inject
    Event<ConsentWithdrawn> withdrawn;

    /**
     * Records that the subject consented to {@code purpose} after seeing privacy notice {@code noticeVersion},
     * without evidence; refused for a purpose the pack asks evidence for (see
     * {@link #give(String, String, String, ConsentEvidence)}).
     */
    public void give(@NotBlank @Size(max = 200) String subjectId, @NotBlank String purpose,
                     @NotBlank String noticeVersion) {
        give(subjectId, purpose, noticeVersion, ConsentEvidence.NONE);
    }

    /**
     * Records that the subject consented to {@code purpose} after seeing privacy notice {@code noticeVersion},
     * with {@code evidence}: how it was given, where the document or form is and its date, and for a child's consent
     * to an information society service the age band or the parental authorisation (kept only as a pseudonym). The
     * pack decides what a purpose needs; see sdk-jpa's
     * {@link ConsentRegistry#give(String, String, String, ConsentEvidence, String)} for the refusals.
     */
    public void give(@NotBlank @Size(max = 200) String subjectId, @NotBlank String purpose,
                     @NotBlank String noticeVersion, @NotNull ConsentEvidence evidence) {
        CustosRuntime runtime = units.runtime();
        ConsentEvent event = new ConsentRegistry(runtime).give(subjectId, purpose, noticeVersion, evidence,
                runtime.currentCaller().name());
        given.fire(new ConsentGiven(runtime.unitName(), subjectId, purpose, event.at()));
    }

    /** Records that the subject withdrew consent to {@code purpose}; reads under it are refused from now on. */
    public void withdraw(@NotBlank @Size(max = 200) String subjectId, @NotBlank String purpose) {
        CustosRuntime runtime = units.runtime();
        ConsentEvent event = new ConsentRegistry(runtime).withdraw(subjectId, purpose,
                runtime.currentCaller().name());
        withdrawn.fire(new ConsentWithdrawn(runtime.unitName(), subjectId, purpose, event.at()));
    }

    /**
     * Imports consents the application held before Custos, with their evidence (source, date, notice version),
     * as the current caller; see sdk-jpa's {@link ConsentRegistry#importConsents}. Consents in the ledger already
     * are skipped. No {@link ConsentGiven} event is fired: nothing changed for the subjects.
     *
     * @return how many were recorded now
     */
    public int importConsents(@NotNull List<@NotNull ImportedConsent> consents) {
        CustosRuntime runtime = units.runtime();
        return new ConsentRegistry(runtime).importConsents(consents, runtime.currentCaller().name());
    }

    /** Whether consent-based reads of the subject's data under {@code purpose} are permitted now, and why. */
    @ChangesNothing
    public ConsentDecision check(@NotBlank String subjectId, @NotBlank String purpose) {
        return new ConsentRegistry(units.runtime()).check(subjectId, purpose);
    }

    /** The subject's consent state for {@code purpose}. */
    @ChangesNothing
    public ConsentStatus status(@NotBlank String subjectId, @NotBlank String purpose) {
        return new ConsentRegistry(units.runtime()).status(subjectId, purpose);
    }
}
