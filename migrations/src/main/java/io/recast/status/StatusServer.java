package io.recast.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recast.engine.jobs.ReindexJob;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page of the running service (Pekko HTTP): {@code GET /} is a page that shows every reindexing job's
 * step, events processed, rate, ETA and a live chart of its rate; {@code GET /api/jobs} is the same as JSON. Every
 * {@code every} it reads the jobs' records (written by the processes that run them) and samples their progress.
 */
public final class StatusServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PAGE = "status/index.html";

    private final ServerBinding binding;
    private final ScheduledExecutorService sampler;

    private StatusServer(ServerBinding binding, ScheduledExecutorService sampler) {
        this.binding = binding;
        this.sampler = sampler;
    }

    /**
     * Binds the page on {@code host:port} (port 0: any free port) and starts sampling {@code jobs}.
     *
     * @throws IllegalStateException when the address cannot be bound, naming it and the setting to change
     */
    public static StatusServer start(ClassicActorSystemProvider system, String host, int port,
                                     Supplier<List<ReindexJob>> jobs, Duration every, Clock clock) {
        JobRates rates = new JobRates(Duration.ofSeconds(10), 600);
        AtomicReference<Map<String, Object>> latest = new AtomicReference<>(body(List.of(), clock, ""));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "recast-status-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleWithFixedDelay(() -> {
            try {
                latest.set(body(rates.observe(jobs.get(), clock.instant()), clock, ""));
            } catch (RuntimeException e) {
                log.warn("status page: could not read the jobs ({}); showing the last ones read", e.getMessage());
                Map<String, Object> last = new LinkedHashMap<>(latest.get());
                last.put("error", "could not read the jobs: " + e.getMessage());
                latest.set(last);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        Route route = Directives.concat(
                Directives.pathSingleSlash(() -> Directives.getFromResource(PAGE, ContentTypes.TEXT_HTML_UTF8)),
                Directives.path(PathMatchers.segment("api").slash("jobs"), () -> Directives.get(() ->
                        Directives.extractUri(uri -> Directives.complete(HttpResponse.create().withEntity(
                                HttpEntities.create(ContentTypes.APPLICATION_JSON, json(latest.get()))))))));
        try {
            ServerBinding binding = Http.get(system).newServerAt(host, port).bind(route).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            return new StatusServer(binding, sampler);
        } catch (ExecutionException | TimeoutException e) {
            sampler.shutdownNow();
            throw new IllegalStateException("The status page could not listen on " + host + ":" + port + " ("
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + "): set"
                    + " recast.status.port (RECAST_STATUS_PORT) to a free port, or -1 to serve no page", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sampler.shutdownNow();
            throw new IllegalStateException("interrupted while binding the status page", e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return binding.localAddress().getPort();
    }

    /** Its address, e.g. {@code http://127.0.0.1:8558/}. */
    public String url() {
        return "http://" + binding.localAddress().getHostString() + ":" + port() + "/";
    }

    private static Map<String, Object> body(List<JobStatus> jobs, Clock clock, String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sampledAt", clock.instant().toString());
        body.put("jobs", jobs);
        body.put("error", error);
        return body;
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        try {
            binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("status page: could not stop listening on {} ({})", url(), e.getMessage());
        }
    }
}
