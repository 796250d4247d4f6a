// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNestedObjectsAndArraysIndented() {
        String json = new JsonWriter().beginObject()
                .field("name", "Ada")
                .name("age").value(36)
                .name("active").value(true)
                .field("tags", List.of("a", "b"))
                .name("empty").beginArray().endArray()
                .name("nested").beginObject().field("x", (String) null).endObject()
                .endObject().toString();
        assertThat(json).isEqualTo("""
                {
                  "name": "Ada",
                  "age": 36,
                  "active": true,
                  "tags": [
                    "a",
                    "b"
                  ],
                  "empty": [],
                  "nested": {
                    "x": null
                  }
                }
                """);
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String json = new JsonWriter().beginArray().value("say \"hi\"\\\n\t\u0001\u2028").endArray().toString();
        assertThat(json).isEqualTo("[\n  \"say \\\"hi\\\"\\\\\\n\\t\\u0001\\u2028\"\n]\n");
    }

    @Test
    void topLevelArrayOfObjects() {
        String json = new JsonWriter().beginArray()
                .beginObject().field("a", "1").endObject()
                .beginObject().field("b", "2").endObject()
                .endArray().toString();
        assertThat(json).isEqualTo("[\n  {\n    \"a\": \"1\"\n  },\n  {\n    \"b\": \"2\"\n  }\n]\n");
    }
}
