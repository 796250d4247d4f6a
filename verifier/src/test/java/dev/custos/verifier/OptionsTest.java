// SPDX-License-Identifier: Apache-2.0
package dev.custos.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A wrong command line or a database that cannot be reached ends with exit code 2 and a numbered message. */
class OptionsTest {

    private static String[] run(int expectedExit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("SET", "secret")::get);
        String[] printed = {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        assertThat(exit).as(printed[0] + printed[1]).isEqualTo(expectedExit);
        return printed;
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run(Main.INTACT, "--help")[0]).startsWith("CUSTOS-06000: Usage: java -jar custos-verifier.jar");
    }

    @Test
    void aWrongCommandLineIsExitCodeTwo() {
        assertThat(run(Main.ERROR)[1]).startsWith("CUSTOS-06002");
        assertThat(run(Main.ERROR, "--url")[1]).startsWith("CUSTOS-06001: --url");
        assertThat(run(Main.ERROR, "--url", "jdbc:x", "--password", "secret")[1])
                .startsWith("CUSTOS-06001: --password");
        assertThat(run(Main.ERROR, "--url", "jdbc:x", "--password-env", "UNSET")[1]).startsWith("CUSTOS-06003");
        assertThat(run(Main.ERROR, "--url", "jdbc:x", "--public-key", "/no/such/key.pem")[1])
                .startsWith("CUSTOS-06004");
    }

    @Test
    void aDatabaseThatCannotBeReachedIsExitCodeTwoWithoutThePassword() {
        String err = run(Main.ERROR, "--url", "jdbc:nosuchdriver://host/db?password=secret", "--password-env",
                "SET")[1];
        assertThat(err).startsWith("CUSTOS-06005: Cannot connect to jdbc:nosuchdriver://host/db?...")
                .contains("SQLState 08001").doesNotContain("secret");
    }
}
