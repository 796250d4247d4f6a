// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.gdpr;

/** The lawful bases for processing of GDPR Art. 6(1)(a)-(f). */
public enum LegalBasis {

    CONSENT("a", "Consent of the data subject", "dpv:Consent"),
    CONTRACT("b", "Performance of, or steps before, a contract with the data subject", "dpv:Contract"),
    LEGAL_OBLIGATION("c", "Compliance with a legal obligation of the controller", "dpv:LegalObligation"),
    VITAL_INTERESTS("d", "Protection of vital interests", "dpv:VitalInterest"),
    PUBLIC_TASK("e", "A task in the public interest or in the exercise of official authority", "dpv:PublicInterest"),
    LEGITIMATE_INTERESTS("f", "Legitimate interests of the controller or a third party", "dpv:LegitimateInterest");

    private final String point;
    private final String label;
    private final String dpvTerm;

    LegalBasis(String point, String label, String dpvTerm) {
        this.point = point;
        this.label = label;
        this.dpvTerm = dpvTerm;
    }

    /** The citation, for example {@code GDPR Art. 6(1)(a)}. */
    public String citation() {
        return "GDPR Art. 6(1)(" + point + ")";
    }

    public String label() {
        return label;
    }

    /** The corresponding W3C DPV legal basis term. */
    public String dpvTerm() {
        return dpvTerm;
    }
}
