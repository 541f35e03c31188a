package io.recast.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs code with {@code System.out} captured, for tests of the command line. */
final class StandardOutput {

    private StandardOutput() {
    }

    /** What {@code work} printed; the output is also kept on the real standard output. */
    static synchronized String capture(Runnable work) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(original);
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        original.print(output);
        return output;
    }

    /** What {@code work} printed on the standard output and the standard error, interleaved. */
    static synchronized String captureWithErrors(Runnable work) {
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            work.run();
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        original.print(output);
        return output;
    }
}
