// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.gdpr;

/**
 * The conditions of GDPR Art. 9(2)(a)-(j) under which special categories of personal data may be
 * processed. {@link #NONE} is the default on ordinary data, and an error on special-category data.
 */
public enum SpecialCategoryCondition {

    NONE(null, "No Art. 9(2) condition (ordinary personal data)"),
    EXPLICIT_CONSENT("a", "Explicit consent"),
    EMPLOYMENT_AND_SOCIAL_SECURITY("b", "Obligations in employment, social security and social protection law"),
    VITAL_INTERESTS("c", "Vital interests where the subject cannot give consent"),
    NOT_FOR_PROFIT_BODY("d", "Legitimate activities of a not-for-profit body, for its members"),
    MADE_PUBLIC_BY_SUBJECT("e", "Data manifestly made public by the data subject"),
    LEGAL_CLAIMS("f", "Establishment, exercise or defence of legal claims, or courts in their judicial capacity"),
    SUBSTANTIAL_PUBLIC_INTEREST("g", "Substantial public interest on the basis of law"),
    HEALTH_OR_SOCIAL_CARE("h", "Preventive or occupational medicine, diagnosis, health or social care or treatment"),
    PUBLIC_HEALTH("i", "Public interest in the area of public health"),
    ARCHIVING_RESEARCH_STATISTICS("j", "Archiving in the public interest, scientific or historical research or statistics");

    private final String point;
    private final String label;

    SpecialCategoryCondition(String point, String label) {
        this.point = point;
        this.label = label;
    }

    /** The citation, for example {@code GDPR Art. 9(2)(h)}; empty for {@link #NONE}. */
    public String citation() {
        return point == null ? "" : "GDPR Art. 9(2)(" + point + ")";
    }

    public String label() {
        return label;
    }
}
