package io.recast.engine.upcast;

import java.util.List;

/**
 * Thrown by {@link UpcasterChain.Builder#build()} when the upcasters do not form a valid chain: two read
 * the same type, one skips or goes back a revision, or one reads or writes an undeclared revision. The
 * message lists every problem and names the classes involved.
 */
public class InvalidUpcasterChainException extends RuntimeException {

    /** One sentence per problem. */
    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems one sentence per problem, naming the classes and saying how to fix it
     */
    public InvalidUpcasterChainException(List<String> problems) {
        super("The upcaster chain is invalid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "):\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems, one sentence each.
     *
     * @return the problems, in the order the upcasters were added
     */
    public List<String> problems() {
        return problems;
    }
}
