package io.recast.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HashSuffixManifestCodecTest {

    private final HashSuffixManifestCodec codec = new HashSuffixManifestCodec();

    @Test
    void decodesClassNameAndRevisionSuffix() {
        assertEquals(EventType.of("com.x.Foo", "2"), codec.decode("com.x.Foo#2"));
    }

    @Test
    void decodesManifestWithoutSuffixAtRevisionOne() {
        assertEquals(EventType.of("com.x.Foo", "1"), codec.decode("com.x.Foo"));
    }

    @Test
    void decodesManifestWithoutSuffixAtTheConfiguredDefaultRevision() {
        assertEquals(EventType.of("com.x.Foo", "1.0"), new HashSuffixManifestCodec("1.0").decode("com.x.Foo"));
    }

    @Test
    void keepsTheDollarOfNestedClasses() {
        assertEquals(EventType.of("com.x.Outer$Inner", "3"), codec.decode("com.x.Outer$Inner#3"));
    }

    @Test
    void encodesTheSuffixExceptAtTheDefaultRevision() {
        assertEquals("com.x.Foo#2", codec.encode(EventType.of("com.x.Foo", "2")));
        assertEquals("com.x.Foo", codec.encode(EventType.of("com.x.Foo", "1")));
    }

    @Test
    void decodesWhatItEncodes() {
        for (EventType type : new EventType[] {EventType.of("a.B", "1"), EventType.of("a.B$C", "7")}) {
            assertEquals(type, codec.decode(codec.encode(type)));
        }
    }

    @Test
    void rejectsManifestsWithoutNameOrRevisionNamingTheManifest() {
        for (String manifest : new String[] {"#2", "com.x.Foo#", ""}) {
            UnknownManifestException e = assertThrows(UnknownManifestException.class, () -> codec.decode(manifest));

            assertEquals(manifest, e.manifest());
            assertTrue(e.getMessage().contains("'" + manifest + "'"), e.getMessage());
        }
    }

    @Test
    void rejectsABlankDefaultRevision() {
        assertThrows(IllegalArgumentException.class, () -> new HashSuffixManifestCodec(" "));
    }
}
