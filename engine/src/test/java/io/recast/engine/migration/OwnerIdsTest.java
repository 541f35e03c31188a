package io.recast.engine.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OwnerIdsTest {

    @Test
    void thisProcessIsHostnamePidAndARandomSuffixForTheWholeProcess() {
        String[] parts = OwnerIds.thisProcess().split(":");

        assertEquals(3, parts.length, OwnerIds.thisProcess());
        assertFalse(parts[0].isBlank());
        assertEquals(Long.toString(ProcessHandle.current().pid()), parts[1]);
        assertEquals(8, parts[2].length());
        assertSame(OwnerIds.thisProcess(), OwnerIds.thisProcess());
    }

    @Test
    void twoRunnersOfOneProcessAreTwoOwners() {
        String first = OwnerIds.newRunner();
        String second = OwnerIds.newRunner();

        assertFalse(first.equals(second), first);
        assertTrue(first.startsWith(OwnerIds.thisProcess() + "#"), first);
        assertTrue(second.startsWith(OwnerIds.thisProcess() + "#"), second);
    }
}
