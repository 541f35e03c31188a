package io.recast.engine.upcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MutableUpcastContextTest {

    private static final ContextKey<String> BASE = new ContextKey<>("baseIri", String.class);
    private static final ContextKey<Integer> COUNT = new ContextKey<>("baseIri", Integer.class);

    private final MutableUpcastContext context = new MutableUpcastContext();

    @Test
    void returnsWhatWasPutUnderKeyAndId() {
        context.put(BASE, "p1", "https://one/").put(BASE, "p2", "https://two/");

        assertEquals(Optional.of("https://one/"), context.get(BASE, "p1"));
        assertEquals(Optional.of("https://two/"), context.get(BASE, "p2"));
        assertEquals(Optional.empty(), context.get(BASE, "p3"));
        assertEquals(2, context.size(BASE));
    }

    @Test
    void aLaterPutReplacesTheEarlierValue() {
        context.put(BASE, "p1", "https://old/").put(BASE, "p1", "https://new/");

        assertEquals(Optional.of("https://new/"), context.get(BASE, "p1"));
    }

    @Test
    void keysWithTheSameNameButAnotherTypeAreSeparate() {
        context.put(BASE, "p1", "https://one/").put(COUNT, "p1", 3);

        assertEquals(Optional.of("https://one/"), context.get(BASE, "p1"));
        assertEquals(Optional.of(3), context.get(COUNT, "p1"));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void rejectsAValueOfTheWrongTypeSmuggledThroughARawKey() {
        ContextKey raw = COUNT;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> context.put(raw, "p1", "not a number"));

        assertEquals(0, context.size(COUNT), e.getMessage());
    }

    @Test
    void aSnapshotDoesNotSeeLaterPuts() {
        context.put(BASE, "p1", "https://one/");
        UpcastContext snapshot = context.snapshot();

        context.put(BASE, "p1", "https://changed/").put(BASE, "p2", "https://two/");

        assertEquals(Optional.of("https://one/"), snapshot.get(BASE, "p1"));
        assertEquals(Optional.empty(), snapshot.get(BASE, "p2"));
    }

    @Test
    void keepsEveryEntryPutFromSeveralThreads() {
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 1000; i++) {
                    context.put(BASE, thread + "-" + i, "v");
                }
            }));
        }
        writers.forEach(CompletableFuture::join);

        assertEquals(8000, context.size(BASE));
    }
}
