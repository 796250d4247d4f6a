// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.gdpr;

/**
 * What kind of personal data a field holds.
 * <p>
 * The eight special categories of GDPR Art. 9(1) are flagged {@link #special()}: processing them needs an
 * Art. 9(2) condition besides an Art. 6(1) basis, and every read of them is audited. Criminal
 * convictions and offences (Art. 10) are flagged {@link #criminal()} and treated as strictly.
 * Each category names the W3C Data Privacy Vocabulary term it corresponds to, so that records of
 * processing can be exchanged with DPV-aware tools (terms as of DPV 2.2; the closest term where DPV has
 * no exact one, such as {@code pd:OfficialID} for national identification numbers).
 */
public enum DataCategory {

    // GDPR Art. 9(1): special categories
    RACIAL_OR_ETHNIC_ORIGIN("Racial or ethnic origin", Kind.SPECIAL, "pd:EthnicOrigin"),
    POLITICAL_OPINIONS("Political opinions", Kind.SPECIAL, "pd:PoliticalOpinion"),
    RELIGIOUS_OR_PHILOSOPHICAL_BELIEFS("Religious or philosophical beliefs", Kind.SPECIAL, "pd:ReligiousBelief"),
    TRADE_UNION_MEMBERSHIP("Trade-union membership", Kind.SPECIAL, "pd:TradeUnionMembership"),
    GENETIC("Genetic data", Kind.SPECIAL, "pd:Genetic"),
    BIOMETRIC("Biometric data for identification", Kind.SPECIAL, "pd:Biometric"),
    HEALTH("Data concerning health", Kind.SPECIAL, "pd:Health"),
    SEX_LIFE_OR_SEXUAL_ORIENTATION("Sex life or sexual orientation", Kind.SPECIAL, "pd:Sexual"),

    // GDPR Art. 10
    CRIMINAL_CONVICTIONS("Criminal convictions and offences", Kind.CRIMINAL, "pd:Criminal"),

    // Ordinary personal data
    IDENTITY("Identity (name, title, photo of the person)", Kind.ORDINARY, "pd:Identifying"),
    CONTACT("Contact details (address, e-mail, phone)", Kind.ORDINARY, "pd:Contact"),
    NATIONAL_ID("National identification number (CPR, fødselsnummer)", Kind.ORDINARY, "pd:OfficialID"),
    DEMOGRAPHIC("Demographic data (date of birth, age, gender)", Kind.ORDINARY, "pd:Demographic"),
    FINANCIAL("Financial data (bank account, invoices)", Kind.ORDINARY, "pd:Financial"),
    TRANSACTION("Purchases and payments", Kind.ORDINARY, "pd:Transaction"),
    EMPLOYMENT("Employment and professional data (applications, contracts, fees)", Kind.ORDINARY, "pd:Professional"),
    EDUCATION("Education and qualifications", Kind.ORDINARY, "pd:Education"),
    ONLINE_IDENTIFIER("Online identifiers (IP address, cookie or device id)", Kind.ORDINARY, "pd:IPAddress"),
    COMMUNICATION("Content of communication (messages, e-mails, chat)", Kind.ORDINARY, "pd:Communication"),
    BEHAVIOURAL("Behaviour (website use, newsletter opens and clicks)", Kind.ORDINARY, "pd:Behavioural"),
    LOCATION("Location", Kind.ORDINARY, "pd:Location"),
    AUDIO_VISUAL("Pictures, video and voice recordings", Kind.ORDINARY, "pd:Picture"),
    PREFERENCES("Preferences and interests", Kind.ORDINARY, "pd:Preference");

    private enum Kind { SPECIAL, CRIMINAL, ORDINARY }

    private final String label;
    private final Kind kind;
    private final String dpvTerm;

    DataCategory(String label, Kind kind, String dpvTerm) {
        this.label = label;
        this.kind = kind;
        this.dpvTerm = dpvTerm;
    }

    /** A short English label for records and reports. */
    public String label() {
        return label;
    }

    /** Whether this is a special category of GDPR Art. 9(1). */
    public boolean special() {
        return kind == Kind.SPECIAL;
    }

    /** Whether this is data on criminal convictions and offences (GDPR Art. 10). */
    public boolean criminal() {
        return kind == Kind.CRIMINAL;
    }

    /** Whether reads of this category are sensitive enough to be audited on every access. */
    public boolean sensitive() {
        return kind != Kind.ORDINARY;
    }

    /** The corresponding W3C DPV term as a compact IRI, for example {@code pd:Health}. */
    public String dpvTerm() {
        return dpvTerm;
    }

    /** The full W3C DPV IRI, for example {@code https://w3id.org/dpv/pd#Health}. */
    public String dpvIri() {
        return "https://w3id.org/dpv/pd#" + dpvTerm.substring("pd:".length());
    }
}
