// SPDX-License-Identifier: Apache-2.0
package dev.custos.verifier;

import dev.custos.core.SafeCause;
import java.io.PrintStream;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The independent verifier: {@code java -jar custos-verifier.jar --url JDBC-URL [--user NAME]
 * [--password-env VARIABLE] [--public-key FILE]... [--json]}. It reads Custos' audit chains, consent ledger and
 * signed checkpoints with its own code and sdk-core's hash format only, writes nothing, and exits with 0 when every
 * chain is intact, 1 when one is broken (the report names the chain and the record, never a row's content), 2 for a
 * wrong command line or a database it cannot read.
 */
public final class Main {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System::getenv));
    }

    /** As {@link #main}, returning the exit code; {@code environment} gives environment variables by name. */
    static int run(String[] args, PrintStream out, PrintStream err, UnaryOperator<String> environment) {
        Options options;
        List<PublicKey> keys = new ArrayList<>();
        try {
            options = Options.parse(args);
            if (options.help()) {
                out.println(VerifierMessages.usage());
                return INTACT;
            }
            for (var file : options.publicKeys()) {
                keys.add(SignedHeads.readKey(file));
            }
        } catch (Options.UsageException e) {
            err.println(e.problem);
            return ERROR;
        }
        Properties account = new Properties();
        options.user().ifPresent(user -> account.setProperty("user", user));
        if (options.passwordEnv().isPresent()) {
            String password = environment.apply(options.passwordEnv().get());
            if (password == null) {
                err.println(VerifierMessages.passwordVariableUnset(options.passwordEnv().get()));
                return ERROR;
            }
            account.setProperty("password", password);
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection(options.url(), account);
        } catch (SQLException e) {
            err.println(VerifierMessages.connectionFailed(withoutQuery(options.url()), SafeCause.of(e)));
            return ERROR;
        }
        List<ChainResult> results;
        try (connection) {
            results = new Verification(connection, keys.isEmpty() ? null : new SignedHeads(keys)).run();
        } catch (SQLException e) {
            err.println(VerifierMessages.readFailed("Custos' tables", SafeCause.of(e)));
            return ERROR;
        }
        out.print(options.json() ? Report.json(results, !keys.isEmpty()) : Report.text(results, !keys.isEmpty()));
        return results.stream().allMatch(ChainResult::intact) ? INTACT : BROKEN;
    }

    // the URL's parameters (after ? or, for Derby, ;) may carry a password; the rest is enough to find the mistake
    private static String withoutQuery(String url) {
        int query = url.replace(';', '?').indexOf('?');
        return query < 0 ? url : url.substring(0, query) + url.charAt(query) + "...";
    }
}
