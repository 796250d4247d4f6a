// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

/** The application's roles; the server maps its users' groups to them (server.xml). */
public final class Roles {

    public static final String CLINICIAN = "clinician";
    public static final String RECEPTION = "reception";
    /** The role Custos' audit services ask for (setting {@code custos.roles.auditor}). */
    public static final String AUDITOR = "custos-auditor";
    public static final String PATIENT = "patient";

    private Roles() {
    }
}
