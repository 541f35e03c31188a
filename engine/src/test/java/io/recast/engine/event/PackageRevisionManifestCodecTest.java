package io.recast.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PackageRevisionManifestCodecTest {

    private final PackageRevisionManifestCodec codec = new PackageRevisionManifestCodec("io.recast.kg.v");

    @Test
    void decodesTheRevisionPackageAndTheName() {
        assertEquals(EventType.of("ResourceCreated", "1.0"), codec.decode("io.recast.kg.v1_0.ResourceCreated"));
    }

    @Test
    void keepsTheDollarOfNestedClasses() {
        assertEquals(EventType.of("ResourceEvent$Created", "1.1"),
                codec.decode("io.recast.kg.v1_1.ResourceEvent$Created"));
    }

    @Test
    void encodesTheRevisionWithUnderscores() {
        assertEquals("io.recast.kg.v1_1.ResourceEvent$Created",
                codec.encode(EventType.of("ResourceEvent$Created", "1.1")));
    }

    @Test
    void decodesWhatItEncodes() {
        for (EventType type : new EventType[] {EventType.of("A", "1"), EventType.of("Outer$Inner", "2.0.1")}) {
            assertEquals(type, codec.decode(codec.encode(type)));
        }
    }

    @Test
    void rejectsManifestsWithAnotherPrefixNamingManifestAndPrefix() {
        UnknownManifestException e = assertThrows(UnknownManifestException.class,
                () -> codec.decode("com.other.v1_0.Foo"));

        assertEquals("com.other.v1_0.Foo", e.manifest());
        assertTrue(e.getMessage().contains("com.other.v1_0.Foo"), e.getMessage());
        assertTrue(e.getMessage().contains("io.recast.kg.v"), e.getMessage());
    }

    @Test
    void rejectsManifestsWithoutName() {
        assertThrows(UnknownManifestException.class, () -> codec.decode("io.recast.kg.v1_0"));
        assertThrows(UnknownManifestException.class, () -> codec.decode("io.recast.kg.v1_0."));
    }

    @Test
    void rejectsARevisionPackageThatIsNotARevision() {
        assertThrows(UnknownManifestException.class, () -> codec.decode("io.recast.kg.v1-0.Foo"));
        assertThrows(UnknownManifestException.class, () -> codec.decode("io.recast.kg.v.Foo"));
    }

    @Test
    void refusesToEncodeARevisionThatCannotBeAPackage() {
        assertThrows(IllegalArgumentException.class, () -> codec.encode(EventType.of("Foo", "1-0")));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(EventType.of("Foo", "1_0")));
    }
}
