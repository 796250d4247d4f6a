// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import java.util.regex.Pattern;

/** Checks the ids that arrive in paths, before they reach a query or Custos. */
final class Ids {

    private static final Pattern SUBJECT = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    private static final Pattern REQUEST = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private Ids() {
    }

    /** A subject (client, patient) id: lower-case letters, digits, '.' and '-', at most 64. */
    static String subject(String id) {
        if (id == null || !SUBJECT.matcher(id).matches()) {
            throw Problems.badRequest("Not a subject id: use 1 to 64 lower-case letters, digits, '.' or '-'");
        }
        return id;
    }

    /** A request id as Custos issues them. */
    static String request(String id) {
        if (id == null || !REQUEST.matcher(id).matches()) {
            throw Problems.badRequest("Not a request id: use the id the request was registered under");
        }
        return id;
    }
}
