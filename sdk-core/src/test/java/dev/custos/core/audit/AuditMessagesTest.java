// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.Message;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditMessagesTest {

    @Test
    void everyMessageHasItsOwnIdInTheAuditRange() throws Exception {
        Map<Integer, String> owners = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        Method[] methods = AuditMessages.class.getDeclaredMethods();
        for (Method method : methods) {
            if (!Modifier.isStatic(method.getModifiers()) || method.getReturnType() != Message.class) {
                continue;
            }
            Object[] placeholders = Arrays.stream(method.getParameterTypes()).map(t -> "<x>").toArray();
            Message message = (Message) method.invoke(null, placeholders);

            assertThat(message.id()).as(method.getName()).isBetween(2300, 2399);
            assertThat(message.text()).as(method.getName()).isNotBlank().doesNotContain("%");
            String previous = owners.put(message.id(), method.getName());
            if (previous != null) {
                duplicates.add(message.code() + ": " + previous + ", " + method.getName());
            }
        }
        assertThat(duplicates).isEmpty();
        assertThat(owners).hasSize(15);
    }
}
