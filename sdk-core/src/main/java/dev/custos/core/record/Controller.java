// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.record;

import java.util.List;
import java.util.Objects;

/**
 * What the record of processing activities says about the controller itself (GDPR Art. 30(1)(a), (d), (e)
 * and (g)): facts that are not in the annotations.
 *
 * @param name             the controller's name
 * @param contact          how to reach it
 * @param dataProtectionOfficer the DPO's contact, or empty if none is appointed
 * @param recipients       categories of recipients the data is disclosed to
 * @param transfers        transfers to third countries and their safeguards, or empty if none
 * @param securityMeasures a general description of the technical and organisational measures
 */
public record Controller(String name, String contact, String dataProtectionOfficer, List<String> recipients,
                         String transfers, List<String> securityMeasures) {

    public Controller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(dataProtectionOfficer, "dataProtectionOfficer");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(transfers, "transfers");
        securityMeasures = List.copyOf(securityMeasures);
    }
}
