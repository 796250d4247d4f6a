// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.custos.core.Message;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestMessagesTest {

    private static final int FIRST = 2200;
    private static final int LAST = 2299;

    private static List<Message> everyMessage() throws ReflectiveOperationException {
        List<Message> messages = new ArrayList<>();
        for (Method method : RequestMessages.class.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) && method.getReturnType() == Message.class) {
                Object[] args = Arrays.stream(method.getParameterTypes()).map(type -> "ARG").toArray();
                messages.add((Message) method.invoke(null, args));
            }
        }
        return messages;
    }

    @Test
    void everyIdIsUniqueAndInsideTheRange() throws ReflectiveOperationException {
        List<Message> messages = everyMessage();

        assertThat(messages).hasSize(11);
        assertThat(messages).extracting(Message::id).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id)
                .isBetween(FIRST, LAST));
        assertThat(messages).allSatisfy(message -> assertThat(message.text()).isNotBlank().doesNotContain("%"));
    }

    @Test
    void parametersAreStrings() {
        Arrays.stream(RequestMessages.class.getDeclaredMethods())
                .filter(method -> method.getReturnType() == Message.class)
                .flatMap(method -> Arrays.stream(method.getParameterTypes()))
                .forEach(type -> assertThat(type).isEqualTo(String.class));
    }

    @Test
    void rangeIsRegistered() throws IOException {
        String root = System.getProperty("custos.project.root");
        assumeTrue(root != null && Files.exists(Path.of(root, "message-ranges.txt")), "message-ranges.txt not found");

        assertThat(Files.readAllLines(Path.of(root, "message-ranges.txt")))
                .anySatisfy(line -> assertThat(line.split("\\s+")).startsWith("02200", "02299",
                        RequestMessages.class.getName()));
    }
}
