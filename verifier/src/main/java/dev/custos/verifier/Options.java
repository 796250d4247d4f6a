// SPDX-License-Identifier: Apache-2.0
package dev.custos.verifier;

import dev.custos.core.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line: {@code --url} (required), {@code --user}, {@code --password-env} (the name of an environment
 * variable holding the password, so that it never shows in a process list), {@code --public-key} (repeatable, for a
 * key rotated), {@code --json}, {@code --help}. Immutable.
 */
record Options(String url, Optional<String> user, Optional<String> passwordEnv, List<Path> publicKeys, boolean json,
               boolean help) {

    /** A wrong command line, with the message to print; the verifier exits with code 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Message problem;

        UsageException(Message problem) {
            super(problem.toString(), null, false, false);
            this.problem = problem;
        }
    }

    static Options parse(String... args) throws UsageException {
        String url = null;
        String user = null;
        String passwordEnv = null;
        List<Path> keys = new ArrayList<>();
        boolean json = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String argument = args[i];
            switch (argument) {
                case "--json" -> json = true;
                case "--help", "-h" -> help = true;
                case "--url", "--user", "--password-env", "--public-key" -> {
                    if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                        throw new UsageException(VerifierMessages.badArgument(argument));
                    }
                    String value = args[++i];
                    switch (argument) {
                        case "--url" -> url = value;
                        case "--user" -> user = value;
                        case "--password-env" -> passwordEnv = value;
                        default -> keys.add(Path.of(value));
                    }
                }
                default -> throw new UsageException(VerifierMessages.badArgument(argument));
            }
        }
        if (url == null && !help) {
            throw new UsageException(VerifierMessages.missingUrl());
        }
        return new Options(url, Optional.ofNullable(user), Optional.ofNullable(passwordEnv), List.copyOf(keys), json,
                help);
    }
}
