package io.recast.engine.upcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidUpcasterChainExceptionTest {

    @Test
    void listsEveryProblemOnItsOwnLine() {
        InvalidUpcasterChainException e = new InvalidUpcasterChainException(List.of("first", "second"));

        assertEquals("The upcaster chain is invalid (2 problems):\n - first\n - second", e.getMessage());
    }

    @Test
    void keepsACopyOfTheProblems() {
        List<String> problems = new ArrayList<>(List.of("only"));
        InvalidUpcasterChainException e = new InvalidUpcasterChainException(problems);

        problems.add("later");

        assertEquals(List.of("only"), e.problems());
        assertThrows(UnsupportedOperationException.class, () -> e.problems().add("x"));
        assertEquals("The upcaster chain is invalid (1 problem):\n - only", e.getMessage());
    }
}
