// SPDX-License-Identifier: Apache-2.0
package dev.custos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.Message;
import dev.custos.core.SafeCause;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the rule that no message carries a driver's or an application's text: every message method's parameter
 * that names a failure ({@code cause}, {@code failure}, or a name ending in either) is a {@link SafeCause}, which
 * only the sanitizer or a Custos message makes, so a caller cannot pass {@code e.getMessage()}. Reads the names
 * the compiler keeps ({@code -parameters}); without them the test fails rather than passes.
 */
class SanitizedCauseParametersTest {

    private static final Pattern FAILURE = Pattern.compile("(?i).*(cause|failure)");

    @Test
    void everyCauseParameterOfEveryMessageMethodIsSanitized() throws Exception {
        List<String> raw = new ArrayList<>();
        int causes = 0;
        for (MessageCatalogueTest.Range range : MessageCatalogueTest.ranges()) {
            for (Method method : Class.forName(range.className()).getDeclaredMethods()) {
                if (!Modifier.isStatic(method.getModifiers()) || method.getReturnType() != Message.class) {
                    continue;
                }
                for (Parameter parameter : method.getParameters()) {
                    assertThat(parameter.isNamePresent()).as("%s is compiled with -parameters", method).isTrue();
                    if (parameter.getType() == SafeCause.class) {
                        causes++;
                    } else if (FAILURE.matcher(parameter.getName()).matches()) {
                        raw.add(range.className() + "." + method.getName() + "(" + parameter.getType().getSimpleName()
                                + " " + parameter.getName() + ")");
                    }
                }
            }
        }
        assertThat(raw).as("message parameters that name a failure but are not a SafeCause").isEmpty();
        assertThat(causes).isGreaterThan(30);
    }
}
