// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.clinic;

import dev.custos.core.record.Controller;
import dev.custos.sample.api.Problems;
import java.util.Arrays;
import java.util.List;

/**
 * The two fictional clinics. Each is one persistence unit (see persistence.xml) under its own policy pack; the
 * path segment ({@code dk}, {@code no}) names the clinic in the REST API.
 */
public enum Clinic {

    /** Psychosocial rehabilitation and therapy, under Danish law. */
    DANISH("dk", "danish", "Solhaven Psykologhus", "Aarhus", new Controller("Solhaven Psykologhus ApS (fictional)",
            "privacy@solhaven.example", "none appointed (not required for a clinic of this size)",
            List.of("the client's GP or municipality, only with the client's written consent",
                    "the tax authority (Skattestyrelsen), under a legal obligation", "accounting system provider",
                    "office suite and video meeting providers (processors)"),
            "none outside the EEA", List.of("role-based access", "audit trail of every access to health data",
                    "encrypted backups"))),
    /** Metacognitive therapy, under Norwegian law. */
    NORWEGIAN("no", "norwegian", "Fjordlys Terapisenter", "Bergen", new Controller("Fjordlys Terapisenter AS"
            + " (fictional)", "personvern@fjordlys.example", "none appointed",
            List.of("the patient's GP, with the patient's consent", "the tax authority (Skatteetaten), under a legal"
                    + " obligation", "journal system and payment providers (processors)"),
            "outside the EEA only under the Commission's standard contractual clauses",
            List.of("only the treating clinician reads a journal", "two-factor login",
                    "audit trail of every access to health data")));

    /** The version of the privacy notice consents are given under, in both clinics (the sample has one). */
    public static final String PRIVACY_NOTICE = "2026-01";

    private final String path;
    private final String unit;
    private final String displayName;
    private final String town;
    private final Controller controller;

    Clinic(String path, String unit, String displayName, String town, Controller controller) {
        this.path = path;
        this.unit = unit;
        this.displayName = displayName;
        this.town = town;
        this.controller = controller;
    }

    /** The controller as the record of processing activities (GDPR Art. 30) names it. */
    public Controller controller() {
        return controller;
    }

    /** The clinic's path segment in the API, which is also its pack's id. */
    public String path() {
        return path;
    }

    /** Its persistence unit. */
    public String unit() {
        return unit;
    }

    public String displayName() {
        return displayName;
    }

    public String town() {
        return town;
    }

    /**
     * The clinic a path segment names.
     *
     * @throws jakarta.ws.rs.NotFoundException for any other segment
     */
    public static Clinic of(String path) {
        return Arrays.stream(values()).filter(c -> c.path.equals(path)).findFirst()
                .orElseThrow(() -> Problems.notFound("No clinic '" + path + "'; the clinics are dk and no"));
    }
}
