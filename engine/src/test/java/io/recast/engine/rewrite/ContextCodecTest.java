package io.recast.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.upcast.ContextKey;
import io.recast.engine.upcast.MutableUpcastContext;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContextCodecTest {

    /** A value type of the kind collectors keep: a record with nested values. */
    record Project(String base, int resources, List<String> labels) {
    }

    static final ContextKey<String> BASE = new ContextKey<>("baseIri", String.class);
    static final ContextKey<Project> PROJECT = new ContextKey<>("project", Project.class);

    private static MutableUpcastContext decode(byte[] bytes) {
        return ContextCodec.decode(bytes, ContextCodecTest.class.getClassLoader());
    }

    @Test
    void givesBackStringValues() {
        MutableUpcastContext context = new MutableUpcastContext()
                .put(BASE, "project-1", "https://p1/")
                .put(BASE, "project-2", "https://p2/");

        MutableUpcastContext decoded = decode(ContextCodec.encode(context.entries()));

        assertEquals(context.entries(), decoded.entries());
        assertEquals(Optional.of("https://p2/"), decoded.snapshot().get(BASE, "project-2"));
    }

    @Test
    void givesBackRecordValuesUnderTheirTypedKey() {
        Project project = new Project("https://p1/", 3, List.of("public", "archived"));
        MutableUpcastContext context = new MutableUpcastContext()
                .put(PROJECT, "project-1", project)
                .put(BASE, "project-1", "https://p1/");

        MutableUpcastContext decoded = decode(ContextCodec.encode(context.entries()));

        assertEquals(context.entries(), decoded.entries());
        assertEquals(Optional.of(project), decoded.get(PROJECT, "project-1"));
        assertEquals(Project.class, decoded.get(PROJECT, "project-1").orElseThrow().getClass());
    }

    @Test
    void anEmptyContextGivesBackAnEmptyContext() {
        assertTrue(decode(ContextCodec.encode(Map.of())).entries().isEmpty());
    }

    @Test
    void writesEachKeyByNameWithItsValueClass() {
        byte[] bytes = ContextCodec.encode(new MutableUpcastContext().put(BASE, "project-1", "https://p1/").entries());

        assertEquals("{\"baseIri\":{\"type\":\"java.lang.String\",\"values\":{\"project-1\":\"https://p1/\"}}}",
                new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void aClassNoLongerOnTheClassPathAsksToRunWithTheSameUpcasters() {
        byte[] saved = "{\"project\":{\"type\":\"com.example.gone.ProjectInfo\",\"values\":{\"p\":{}}}}"
                .getBytes(StandardCharsets.UTF_8);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> decode(saved));

        assertTrue(e.getMessage().contains("com.example.gone.ProjectInfo"), e.getMessage());
        assertTrue(e.getMessage().contains("run the migration with the same upcasters"), e.getMessage());
    }

    @Test
    void bytesThatAreNotJsonAreReportedAsUnreadable() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> decode("{\"baseIri\":".getBytes(StandardCharsets.UTF_8)));

        assertTrue(e.getMessage().contains("not readable JSON"), e.getMessage());
    }

    @Test
    void refusesTwoKeysOfTheSameNameRatherThanLoseOne() {
        ContextKey<Integer> otherBase = new ContextKey<>("baseIri", Integer.class);
        MutableUpcastContext context = new MutableUpcastContext()
                .put(BASE, "project-1", "https://p1/")
                .put(otherBase, "project-1", 7);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContextCodec.encode(context.entries()));

        assertTrue(e.getMessage().contains("'baseIri'"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.String") && e.getMessage().contains("java.lang.Integer"),
                e.getMessage());
    }
}
