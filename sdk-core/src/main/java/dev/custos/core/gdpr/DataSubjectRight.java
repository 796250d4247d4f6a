// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.gdpr;

/** The data subject's rights of GDPR Chapter III that Custos executes. */
public enum DataSubjectRight {

    ACCESS("Art. 15", "Right of access"),
    RECTIFICATION("Art. 16", "Right to rectification"),
    ERASURE("Art. 17", "Right to erasure"),
    RESTRICTION("Art. 18", "Right to restriction of processing"),
    PORTABILITY("Art. 20", "Right to data portability"),
    OBJECTION("Art. 21", "Right to object"),
    WITHDRAW_CONSENT("Art. 7(3)", "Right to withdraw consent");

    private final String article;
    private final String label;

    DataSubjectRight(String article, String label) {
        this.article = article;
        this.label = label;
    }

    /** The citation, for example {@code GDPR Art. 20}. */
    public String citation() {
        return "GDPR " + article;
    }

    public String label() {
        return label;
    }
}
