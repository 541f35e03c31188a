package io.recast.engine.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the snippets of the upcaster author's guide identical to the example files they come from. */
class UpcasterGuideTest {

    private static final String GUIDE = "docs/upcasters.md";
    private static final Pattern SNIPPET =
            Pattern.compile("^From `([^`]+)`:\\n\\n```[a-z]*\\n(.*?)```$", Pattern.MULTILINE | Pattern.DOTALL);

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(GUIDE))) {
                return dir;
            }
        }
        throw new AssertionError(GUIDE + " not found above " + Path.of("").toAbsolutePath()
                + "; the guide and its examples live in the same repository");
    }

    @Test
    void everySnippetOfTheGuideIsCopiedVerbatimFromTheFileItNames() throws IOException {
        Path root = repositoryRoot();
        String guide = Files.readString(root.resolve(GUIDE), StandardCharsets.UTF_8);
        List<String> sources = new ArrayList<>();

        Matcher snippet = SNIPPET.matcher(guide);
        while (snippet.find()) {
            String file = snippet.group(1);
            String source = Files.readString(root.resolve(file), StandardCharsets.UTF_8);
            assertTrue(source.contains(snippet.group(2)),
                    "The snippet of " + GUIDE + " taken from " + file + " no longer matches that file; copy it again");
            sources.add(file);
        }

        assertTrue(sources.size() >= 4, "Expected the guide's snippets of the examples, found " + sources);
        assertTrue(sources.stream().anyMatch(file -> file.endsWith("OrderPlaced_1_0_to_1_1.java")), sources.toString());
        assertTrue(sources.stream().anyMatch(file -> file.endsWith("OrderPlaced_1_0_to_1_1Test.java")), sources.toString());
    }
}
