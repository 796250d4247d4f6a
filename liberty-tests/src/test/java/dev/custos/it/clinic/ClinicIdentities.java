// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.clinic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Map;
import java.util.Set;

/** The test application's users, as Jakarta Security's identity store; groups become roles. */
@ApplicationScoped
public class ClinicIdentities implements IdentityStore {

    private static final Map<String, Set<String>> GROUPS = Map.of(
            "dr-berg", Set.of("clinician"),
            "inspector", Set.of("custos-auditor"));

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        Set<String> groups = GROUPS.get(credential.getCaller());
        if (groups == null || !credential.compareTo(credential.getCaller(), credential.getCaller() + "-pass")) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(credential.getCaller(), groups);
    }
}
