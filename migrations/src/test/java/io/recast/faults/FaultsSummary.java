package io.recast.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the fault tests observed, summed up in one line when the test run ends, e.g. {@code crash-resume: 20 runs,
 * 0 diffs; outages: 3 kinds survived; bad inputs: 10 kinds quarantined or rewritten as documented, 0 lost}: printed
 * and written to {@code target/faults-summary.txt}. Fault tests extend with it and record each outcome as they observe it (before
 * asserting on it, so that a failed observation counts too); the line holds only what this run observed.
 */
public final class FaultsSummary implements BeforeAllCallback {

    /** The file the summary is written to, relative to the module. */
    public static final Path FILE = Path.of("target", "faults-summary.txt");

    private static final Observations OBSERVED = new Observations();

    @Override
    public void beforeAll(ExtensionContext context) {
        // closed by JUnit when the whole run ends, after every class that uses this extension
        context.getRoot().getStore(ExtensionContext.Namespace.create(FaultsSummary.class))
                .getOrComputeIfAbsent("summary", key -> new Printer(), Printer.class);
    }

    /** Crash-resume runs: how many ran and how many ended in a state other than an uninterrupted run's. */
    public static void crashResume(int runs, int diffs) {
        synchronized (OBSERVED) {
            OBSERVED.crashRuns += runs;
            OBSERVED.crashDiffs += diffs;
        }
    }

    /** An outage (a server stopped, a runner paused) and whether the run survived it with the right result. */
    public static void outage(String kind, boolean survived) {
        synchronized (OBSERVED) {
            OBSERVED.outages.merge(kind, survived, Boolean::logicalAnd);
        }
    }

    /**
     * A kind of bad input: whether it was quarantined (or handled) as documented, and how many events of it were
     * lost (missing from both the journal and the quarantine).
     */
    public static void badInput(String kind, boolean handled, long lost) {
        synchronized (OBSERVED) {
            OBSERVED.badInputs.merge(kind, handled, Boolean::logicalAnd);
            OBSERVED.lost += lost;
        }
    }

    /** The line, from what was recorded so far; empty when nothing was. */
    public static String line() {
        synchronized (OBSERVED) {
            return OBSERVED.line();
        }
    }

    private static final class Observations {
        int crashRuns;
        int crashDiffs;
        final Map<String, Boolean> outages = new TreeMap<>();
        final Map<String, Boolean> badInputs = new TreeMap<>();
        long lost;

        String line() {
            List<String> parts = new ArrayList<>();
            if (crashRuns > 0) {
                parts.add("crash-resume: " + crashRuns + " runs, " + crashDiffs + " diffs");
            }
            if (!outages.isEmpty()) {
                parts.add("outages: " + count(outages, "survived"));
            }
            if (!badInputs.isEmpty()) {
                parts.add("bad inputs: " + count(badInputs, "quarantined or rewritten as documented") + ", " + lost
                        + " lost");
            }
            return String.join("; ", parts);
        }

        private static String count(Map<String, Boolean> kinds, String verb) {
            List<String> failed = kinds.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
            long passed = kinds.size() - failed.size();
            return failed.isEmpty() ? passed + " kinds " + verb
                    : passed + " of " + kinds.size() + " kinds " + verb + " (not: " + String.join(", ", failed) + ")";
        }
    }

    /** Prints and writes the line when the run ends. */
    private static final class Printer implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            String line = line();
            if (line.isEmpty()) {
                return;
            }
            System.out.println(line);
            try {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, line + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
