// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.gdpr;

/**
 * The exceptions of GDPR Art. 17(3)(a)-(e): where one applies, the right to erasure does not, and an
 * erasure answer must name it.
 */
public enum ErasureExemption {

    FREEDOM_OF_EXPRESSION("a", "Exercising the right of freedom of expression and information"),
    LEGAL_OBLIGATION("b", "Compliance with a legal obligation, or a task in the public interest"),
    PUBLIC_HEALTH("c", "Reasons of public interest in the area of public health"),
    ARCHIVING_RESEARCH_STATISTICS("d", "Archiving in the public interest, research or statistics"),
    LEGAL_CLAIMS("e", "Establishment, exercise or defence of legal claims");

    private final String point;
    private final String label;

    ErasureExemption(String point, String label) {
        this.point = point;
        this.label = label;
    }

    /** The citation, for example {@code GDPR Art. 17(3)(b)}. */
    public String citation() {
        return "GDPR Art. 17(3)(" + point + ")";
    }

    public String label() {
        return label;
    }
}
