package io.recast.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnknownManifestExceptionTest {

    @Test
    void namesTheManifestTheCodecTheReasonAndWhatToDo() {
        UnknownManifestException e = new UnknownManifestException("x.Foo", new HashSuffixManifestCodec(), "no reason");

        assertEquals("x.Foo", e.manifest());
        assertTrue(e.getMessage().contains("'x.Foo'"), e.getMessage());
        assertTrue(e.getMessage().contains("HashSuffixManifestCodec"), e.getMessage());
        assertTrue(e.getMessage().contains("no reason"), e.getMessage());
        assertTrue(e.getMessage().contains("Configure the ManifestCodec"), e.getMessage());
    }
}
