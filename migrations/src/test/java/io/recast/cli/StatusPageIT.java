package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recast.engine.jobs.JobState;
import io.recast.engine.jobs.ReindexJob;
import io.recast.kg.seed.SeedPlan;
import io.recast.servers.LocalCassandra;
import io.recast.servers.LocalElasticsearch;
import io.recast.servers.junit.RealServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page of the running service, in a browser: {@code recast run} serves it in its own JVM while a
 * {@code recast reindex} runs, and headless Chromium loads it, runs its script and shows the job's progress; a
 * screenshot of it is kept in {@code target/status-page.png}.
 */
@RealServers
class StatusPageIT {

    private static final SeedPlan SEED = SeedPlan.generate(1_500, 200, 44);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dir;

    private static ReindexUnderTest kg;

    @BeforeAll
    static void migrate(LocalCassandra cassandra, LocalElasticsearch es) throws Exception {
        kg = new ReindexUnderTest("status_page_it", SEED, dir, cassandra, es);
    }

    @AfterAll
    static void close() throws Exception {
        if (kg != null) {
            kg.close();
        }
    }

    @Test
    void theServicesStatusPageShowsARunningJobsProgressRateAndEtaInABrowser() throws Exception {
        Path chromium = browser();
        int port = freePort();
        Files.writeString(kg.config(), "recast.status.port = " + port + "\n", java.nio.file.StandardOpenOption.APPEND);
        URI page = URI.create("http://127.0.0.1:" + port + "/");
        Process service = kg.recastInAnotherJvm("run");
        CompletableFuture<Integer> reindex = null;
        try {
            awaitPage(page, service);
            reindex = CompletableFuture.supplyAsync(() -> RecastCli.commandLine().execute(
                    "--config", kg.config().toString(), "reindex", "elasticsearch", "--max-rate", "60"));
            ReindexJob running = awaitJob(reindex);
            Thread.sleep(3_000); // a few samples of the page's sampler: its rate is measured

            JsonNode api = JSON.readTree(get(page.resolve("api/jobs")));
            JsonNode job = find(api.path("jobs"), running.id());
            Path screenshot = Path.of("target", "status-page.png").toAbsolutePath();
            Files.deleteIfExists(screenshot);
            String dom = chromium(chromium, "--dump-dom", page.toString());
            chromium(chromium, "--screenshot=" + screenshot, "--window-size=1500,420", page.toString());
            int exit = reindex.get(3, TimeUnit.MINUTES);

            assertEquals("running", job.path("state").asText(), api.toString());
            assertTrue(job.path("eventsProcessed").asLong() > 0, api.toString());
            double rate = job.path("eventsPerSecond").asDouble();
            assertTrue(rate > 0 && rate < 60 * 1.5, "the rate is measured and within --max-rate: " + api);
            assertTrue(job.path("rateHistory").size() >= 1, api.toString());

            Matcher row = Pattern.compile("<tr data-job=\"" + Pattern.quote(running.id()) + "\">(.*?)</tr>",
                    Pattern.DOTALL).matcher(dom);
            assertTrue(row.find(), "the page lists the job " + running.id() + ":\n" + dom);
            String cells = row.group(1);
            assertTrue(cells.contains(">running<"), cells);
            assertTrue(!cell(cells, "step").isBlank(), "the job's step: " + cells);
            long shownEvents = Long.parseLong(cell(cells, "num events").replace(",", ""));
            assertTrue(shownEvents > 0, "events processed shown: " + cells);
            assertTrue(cell(cells, "num rate").matches("[\\d,]+"), "a rate, not 'measuring': " + cells);
            assertTrue(cell(cells, "num ranges").matches("\\d+ / \\d+"), "token ranges done of all: " + cells);
            assertTrue(cell(cells, "num eta").matches("\\d+ s|\\d+ min \\d+ s|unknown"), cells);
            assertTrue(cells.contains("<canvas"), "the rate chart: " + cells);
            byte[] png = Files.readAllBytes(screenshot);
            assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G',
                    "a screenshot of the page: " + png.length + " bytes");
            assertEquals(0, exit, "the reindex ends done");
            assertEquals(JobState.DONE, kg.jobs().find(running.id()).orElseThrow().state());
        } finally {
            if (reindex != null && !reindex.isDone()) {
                kg.recast("jobs", "cancel", kg.latestJob().map(ReindexJob::id).orElse("none"));
                reindex.get(2, TimeUnit.MINUTES);
            }
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    /** Debian's Chromium; the test cannot run without a browser (`.ci/install-browser` installs it). */
    private static Path browser() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        fail("No Chromium: the status page's browser test needs Debian's chromium package (.ci/install-browser"
                + " installs it)");
        return null;
    }

    /** Runs headless Chromium on the page, its script given 4 s of (virtual) time; returns what it printed. */
    private static String chromium(Path chromium, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"), "--virtual-time-budget=4000"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(dir.resolve("chromium.err").toFile()).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("Chromium did not finish in 90 s: " + Files.readString(dir.resolve("chromium.err")));
        }
        assertEquals(0, process.exitValue(), "chromium " + String.join(" ", args) + ": "
                + Files.readString(dir.resolve("chromium.err")));
        return new String(output, StandardCharsets.UTF_8);
    }

    private static String cell(String cells, String className) {
        Matcher cell = Pattern.compile("<td class=\"" + Pattern.quote(className) + "\">([^<]*)</td>").matcher(cells);
        assertTrue(cell.find(), "no cell " + className + " in " + cells);
        return cell.group(1);
    }

    private static JsonNode find(JsonNode jobs, String id) {
        for (JsonNode job : jobs) {
            if (job.path("id").asText().equals(id)) {
                return job;
            }
        }
        return fail("the API does not list the job " + id + ": " + jobs);
    }

    private static void awaitPage(URI page, Process service) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                fail("recast run ended (exit " + service.exitValue() + "): " + Files.readString(kg.log()));
            }
            try {
                if (get(page).contains("reindexing jobs")) {
                    return;
                }
            } catch (IOException notYet) {
                // the service is starting
            }
            Thread.sleep(500);
        }
        fail("the status page did not answer at " + page + " in 120 s: " + Files.readString(kg.log()));
    }

    private static ReindexJob awaitJob(CompletableFuture<Integer> reindex) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && !reindex.isDone()) {
            Optional<ReindexJob> job = kg.latestJob().filter(j -> j.state() == JobState.RUNNING
                    && j.eventsProcessed() >= 60 && j.ranges().done() > 0);
            if (job.isPresent()) {
                return job.get();
            }
            Thread.sleep(200);
        }
        return fail("the reindex did not get going (exit " + (reindex.isDone() ? reindex.get() : "none yet") + ")");
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
