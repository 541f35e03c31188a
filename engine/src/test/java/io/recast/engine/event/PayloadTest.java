package io.recast.engine.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PayloadTest {

    private static Payload bytes(String json) {
        return Payload.ofBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void doesNotDecodeBeforeTheJsonIsAskedFor() {
        Payload payload = bytes("{\"a\":1}");

        assertEquals(7, payload.size());
        assertEquals("{\"a\":1}", payload.text());
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), payload.bytes());
        assertFalse(payload.isDecoded());

        assertEquals(1, payload.json().get("a").asInt());
        assertTrue(payload.isDecoded());
    }

    @Test
    void jsonReturnsACopyThatLeavesThePayloadAlone() {
        Payload payload = bytes("{\"a\":1}");

        ((ObjectNode) payload.json()).put("a", 2);
        payload.mutableCopy().put("b", 3);

        assertEquals("{\"a\":1}", payload.json().toString());
        assertEquals("{\"a\":1}", payload.text());
    }

    @Test
    void ofJsonCopiesTheTree() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("a", 1);
        Payload payload = Payload.ofJson(tree);

        tree.put("a", 2);

        assertTrue(payload.isDecoded());
        assertEquals("{\"a\":1}", payload.text());
    }

    @Test
    void bytesReturnsACopy() {
        Payload payload = bytes("{\"a\":1}");

        payload.bytes()[0] = 'x';

        assertEquals("{\"a\":1}", payload.text());
    }

    @Test
    void ofBytesCopiesTheArray() {
        byte[] stored = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Payload payload = Payload.ofBytes(stored);

        stored[0] = 'x';

        assertEquals("{\"a\":1}", payload.text());
    }

    @Test
    void malformedJsonThrowsMalformedPayloadExceptionWithTheParserMessage() {
        Payload payload = bytes("{\"a\":");

        MalformedPayloadException e = assertThrows(MalformedPayloadException.class, payload::json);

        assertTrue(e.parserMessage().contains("end-of-input"), e.parserMessage());
        assertFalse(payload.isDecoded());
    }

    @Test
    void trailingContentAndEmptyBytesAreMalformed() {
        assertThrows(MalformedPayloadException.class, () -> bytes("{} {}").json());
        assertThrows(MalformedPayloadException.class, () -> bytes("").json());
        assertThrows(MalformedPayloadException.class, () -> bytes("   ").json());
    }

    @Test
    void mutableCopyOfANonObjectIsMalformed() {
        MalformedPayloadException e = assertThrows(MalformedPayloadException.class, () -> bytes("[1,2]").mutableCopy());

        assertTrue(e.parserMessage().contains("ARRAY"), e.parserMessage());
    }

    @Test
    void keepsTheWrittenFormOfNumbers() {
        Payload decoded = bytes("{\"price\":1.50,\"big\":12345678901234567890,\"tiny\":1e-400}");

        assertEquals("{\"price\":1.50,\"big\":12345678901234567890,\"tiny\":1E-400}",
                Payload.ofJson(decoded.json()).text());
    }

    @Test
    void comparesByBytes() {
        assertEquals(bytes("{\"a\":1,\"b\":2}"), Payload.ofJson(bytes("{\"a\":1,\"b\":2}").json()));
        assertEquals(bytes("{\"a\":1}").hashCode(), Payload.ofJson(bytes("{\"a\":1}").json()).hashCode());
        assertNotEquals(bytes("{\"a\":1,\"b\":2}"), bytes("{\"b\":2,\"a\":1}"));
        assertNotEquals(bytes("{\"a\":1}"), bytes("{\"a\": 1}"));
    }

    @Test
    void comparingDoesNotDecode() {
        Payload one = bytes("{\"a\":1}");
        Payload two = bytes("{\"a\":1}");

        assertEquals(one, two);
        assertFalse(one.isDecoded());
        assertFalse(two.isDecoded());
    }

    @Test
    void threadsDecodingAtOnceAllSeeTheSameJson() throws Exception {
        Payload payload = bytes("{\"a\":[1,2,3]}");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<JsonNode>> readers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            readers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return payload.json();
            }));
        }
        start.countDown();

        for (CompletableFuture<JsonNode> reader : readers) {
            assertEquals("{\"a\":[1,2,3]}", reader.get().toString());
        }
    }

    @Test
    void printsSizeAndStateButNotContent() {
        Payload payload = bytes("{\"secret\":\"x\"}");

        assertEquals("Payload(14 bytes, not decoded)", payload.toString());
        payload.json();
        assertEquals("Payload(14 bytes, decoded)", payload.toString());
    }

    @Test
    void rejectsAMissingNode() {
        assertThrows(IllegalArgumentException.class, () -> Payload.ofJson(JsonNodeFactory.instance.missingNode()));
    }
}
