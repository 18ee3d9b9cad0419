package dev.bmff.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParserTest {
    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "01", "\"x", "{\"a\":1}{", "{\"a\":1,\"a\":2}", ""})
    void invalidJson_isRejected(String bad) {
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parse(bad));
    }

    @Test
    void values_parseToMapsListsAndNumbers() {
        assertEquals(Map.of("a", List.of(1L, 2.5, true, "x\n"), "b", Map.of()),
                JsonParser.parse("{\"a\": [1, 2.5, true, \"x\\n\"], \"b\": {}}"));
    }
}
