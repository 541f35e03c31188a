package io.recast.engine.upcast;

import io.recast.engine.event.EventType;
import io.recast.engine.event.MalformedPayloadException;
import io.recast.engine.event.StoredEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The upcasters of one migration, in the explicit order of its revisions.
 *
 * <pre>{@code
 * UpcasterChain chain = UpcasterChain.builder()
 *         .revisions("1.0", "1.1")
 *         .add(new OrderPlaced_1_0_to_1_1())
 *         .add(EventTypeUpcaster.from("OrderCancelled", "1.0").toRevision("1.1"))
 *         .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} fails fast, naming the classes, if two upcasters read the same type, if an
 * upcaster does not go exactly one declared revision forward, or if it reads an undeclared revision.
 *
 * <p>{@link #upcast(StoredEvent, UpcastContext)} applies the upcaster that reads the event's type, then
 * the one that reads each output's type, and so on until no upcaster matches: {@code 1.0 -> 1.1 -> 1.2}
 * takes two steps and the parts of a split are upcast further. An event that no upcaster reads passes
 * through {@link UpcastOutcome.Unchanged unchanged} and undecoded if it is at the final revision; at an
 * earlier revision it is a {@code MISSING_UPCASTER} failure, at an undeclared revision an
 * {@code UNKNOWN_REVISION} failure. The chain never throws for a bad event: whatever an upcaster throws
 * becomes a {@link UpcastOutcome.Failed} outcome naming the event.
 *
 * <p>Immutable and thread-safe.
 */
public final class UpcasterChain {

    private final List<String> revisions;
    private final Map<String, Integer> revisionIndex;
    private final Map<EventType, Upcaster> bySource;
    private final List<Upcaster> upcasters;
    private volatile String checksum;

    private UpcasterChain(List<String> revisions, List<Upcaster> upcasters) {
        this.revisions = List.copyOf(revisions);
        this.revisionIndex = indexOf(revisions);
        Map<EventType, Upcaster> map = new HashMap<>();
        upcasters.forEach(upcaster -> map.put(upcaster.source(), upcaster));
        this.bySource = Map.copyOf(map);
        this.upcasters = upcasters.stream()
                .sorted(Comparator.<Upcaster>comparingInt(u -> revisionIndex.get(u.source().revision()))
                        .thenComparing(u -> u.source().name()))
                .toList();
    }

    private static Map<String, Integer> indexOf(List<String> revisions) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < revisions.size(); i++) {
            index.putIfAbsent(revisions.get(i), i);
        }
        return Map.copyOf(index);
    }

    /**
     * Starts a chain.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The declared revisions, oldest first.
     *
     * @return the revisions in migration order
     */
    public List<String> revisions() {
        return revisions;
    }

    /**
     * The revision every event has after the chain.
     *
     * @return the last declared revision
     */
    public String finalRevision() {
        return revisions.get(revisions.size() - 1);
    }

    /**
     * The upcasters in chain order: by source revision in the declared order, then by source name.
     *
     * @return the upcasters
     */
    public List<Upcaster> upcasters() {
        return upcasters;
    }

    /**
     * The upcaster that reads a type.
     *
     * @param type an event type
     * @return the upcaster, or empty if none reads it
     */
    public Optional<Upcaster> upcasterFor(EventType type) {
        return Optional.ofNullable(bySource.get(type));
    }

    /**
     * Upcasts one event with an empty context.
     *
     * @param event the event as stored
     * @return what became of it
     */
    public UpcastOutcome upcast(StoredEvent event) {
        return upcast(event, UpcastContext.empty());
    }

    /**
     * Upcasts one event to the final revision. Never throws for a bad event.
     *
     * @param event the event as stored
     * @param context lookups collected in the first pass
     * @return {@link UpcastOutcome.Unchanged} if no upcaster reads it and it is at the final revision,
     *     {@link UpcastOutcome.Upcast} with its outputs at the final revision, or {@link UpcastOutcome.Failed}
     */
    public UpcastOutcome upcast(StoredEvent event, UpcastContext context) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(context, "context");
        if (!bySource.containsKey(event.type())) {
            return unmatched(event).<UpcastOutcome>map(failure -> new UpcastOutcome.Failed(event, failure))
                    .orElseGet(() -> new UpcastOutcome.Unchanged(event));
        }
        Run run = new Run(context);
        return run.process(event)
                .<UpcastOutcome>map(failure -> new UpcastOutcome.Failed(event, failure))
                .orElseGet(() -> new UpcastOutcome.Upcast(event, run.outputs, run.applied));
    }

    /** The failure of an event no upcaster reads, or empty if it is at the final revision. */
    private Optional<UpcastFailure> unmatched(StoredEvent event) {
        String revision = event.type().revision();
        Integer index = revisionIndex.get(revision);
        if (index == null) {
            return Optional.of(UpcastFailure.unknownRevision(event, revisions));
        }
        if (index == revisions.size() - 1) {
            return Optional.empty();
        }
        return Optional.of(UpcastFailure.missingUpcaster(event, revisions.get(index + 1), finalRevision()));
    }

    /** One call of {@link #upcast(StoredEvent, UpcastContext)}: its outputs so far and the upcasters applied. */
    private final class Run {

        private final UpcastContext context;
        private final List<StoredEvent> outputs = new ArrayList<>(2);
        /** The names of the upcasters applied, each once, in order (a chain applies a few: a list is cheaper). */
        private final List<String> applied = new ArrayList<>(2);

        Run(UpcastContext context) {
            this.context = context;
        }

        Optional<UpcastFailure> process(StoredEvent stage) {
            Upcaster upcaster = bySource.get(stage.type());
            if (upcaster == null) {
                Optional<UpcastFailure> failure = unmatched(stage);
                if (failure.isEmpty()) {
                    outputs.add(stage);
                }
                return failure;
            }
            String name = upcaster.name();
            List<StoredEvent> produced;
            try {
                Stream<StoredEvent> stream = upcaster.upcast(stage, context);
                if (stream == null) {
                    return Optional.of(UpcastFailure.upcasterFailed(stage, name,
                            "it returned null instead of a stream; return Stream.empty() to drop the event"));
                }
                try (Stream<StoredEvent> results = stream) {
                    produced = results.collect(Collectors.toList());
                }
            } catch (MalformedPayloadException e) {
                return Optional.of(UpcastFailure.malformedPayload(stage, name, e));
            } catch (MissingContextException e) {
                return Optional.of(UpcastFailure.missingContext(stage, name, e));
            } catch (Exception e) {
                return Optional.of(UpcastFailure.upcasterFailed(stage, name, e));
            }
            Optional<UpcastFailure> broken = checkContract(stage, upcaster, produced);
            if (broken.isPresent()) {
                return broken;
            }
            if (!applied.contains(name)) {
                applied.add(name);
            }
            for (StoredEvent output : produced) {
                Optional<UpcastFailure> failure = process(output);
                if (failure.isPresent()) {
                    return failure;
                }
            }
            return Optional.empty();
        }

        private Optional<UpcastFailure> checkContract(StoredEvent stage, Upcaster upcaster, List<StoredEvent> produced) {
            for (StoredEvent output : produced) {
                String problem = null;
                if (output == null) {
                    problem = "it returned a null event";
                } else if (!output.key().equals(stage.key())) {
                    problem = "it returned an event with another key (" + output.key() + "); outputs keep the"
                            + " source's persistence id and sequence number, the journal writer renumbers them";
                } else if (!output.type().revision().equals(upcaster.targetRevision())) {
                    problem = "it returned " + output.type() + " but declares target revision "
                            + upcaster.targetRevision();
                }
                if (problem != null) {
                    return Optional.of(UpcastFailure.upcasterFailed(stage, upcaster.name(), problem));
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A SHA-256 checksum of the chain, recorded in the migration history so that a run can be validated
     * and resumed only with the same upcasters.
     *
     * <p>It covers the declared revisions and, in chain order, each upcaster's class name, {@link Upcaster#name()
     * name}, source type, target revision and the bytes of its class file as its class loader serves them, so changing an
     * upcaster's code changes the checksum. Classes that an upcaster calls are not covered.
     *
     * @return 64 lowercase hex digits
     * @throws IllegalStateException if an upcaster's class file cannot be read
     */
    public String checksum() {
        String current = checksum;
        if (current == null) {
            current = computeChecksum();
            checksum = current;
        }
        return current;
    }

    private String computeChecksum() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
        update(digest, "revisions:" + String.join(",", revisions));
        for (Upcaster upcaster : upcasters) {
            update(digest, upcaster.getClass().getName());
            update(digest, upcaster.name());
            update(digest, upcaster.source().toString());
            update(digest, upcaster.targetRevision());
            digest.update(classBytes(upcaster.getClass()));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static byte[] classBytes(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        ClassLoader loader = type.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : type.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Cannot read the class file of " + type.getName() + " from its class"
                        + " loader, so the chain's checksum cannot cover its code; define upcasters as ordinary"
                        + " classes on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the class file of " + type.getName(), e);
        }
    }

    /**
     * One line per upcaster in chain order, for reports and the history.
     *
     * @return lines such as {@code OrderPlaced@1.0 -> 1.1: io.example.OrderPlaced_1_0_to_1_1}
     */
    public List<String> describe() {
        return upcasters.stream()
                .map(u -> u.source() + " -> " + u.targetRevision() + ": " + u.name())
                .toList();
    }

    /**
     * The revisions and the number of upcasters.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return "UpcasterChain(" + String.join(" -> ", revisions) + ", " + upcasters.size() + " upcasters)";
    }

    /** Collects the revisions and upcasters of a chain. Not thread-safe. */
    public static final class Builder {

        private final List<String> revisions = new ArrayList<>();
        private final List<Upcaster> upcasters = new ArrayList<>();

        private Builder() {
        }

        /**
         * Declares the migration's revisions, oldest first; replaces earlier declarations.
         *
         * @param revisions for example {@code "1.0", "1.1"}
         * @return this builder
         */
        public Builder revisions(String... revisions) {
            this.revisions.clear();
            this.revisions.addAll(Arrays.asList(revisions));
            return this;
        }

        /**
         * Adds an upcaster.
         *
         * @param upcaster one step of one type
         * @return this builder
         */
        public Builder add(Upcaster upcaster) {
            upcasters.add(Objects.requireNonNull(upcaster, "upcaster"));
            return this;
        }

        /**
         * Adds upcasters.
         *
         * @param more steps, in any order
         * @return this builder
         */
        public Builder addAll(Collection<? extends Upcaster> more) {
            more.forEach(this::add);
            return this;
        }

        /**
         * Checks the chain and builds it.
         *
         * @return the chain
         * @throws InvalidUpcasterChainException naming the classes, if no revisions are declared, a revision is
         *     declared twice, two upcasters read the same type, or an upcaster reads an undeclared revision,
         *     reads the final revision or does not write the revision right after the one it reads
         */
        public UpcasterChain build() {
            List<String> problems = new ArrayList<>(checkRevisions());
            if (problems.isEmpty()) {
                problems.addAll(checkUpcasters());
            }
            if (!problems.isEmpty()) {
                throw new InvalidUpcasterChainException(problems);
            }
            return new UpcasterChain(revisions, upcasters);
        }

        private List<String> checkRevisions() {
            if (revisions.isEmpty()) {
                return List.of("No revisions are declared; declare the migration's revisions in order, as in"
                        + " revisions(\"1.0\", \"1.1\")");
            }
            List<String> problems = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String revision : revisions) {
                if (revision == null || revision.isBlank()) {
                    problems.add("A declared revision is blank; declare each revision once, oldest first");
                } else if (!seen.add(revision)) {
                    problems.add("Revision " + revision + " is declared twice in " + order()
                            + "; declare each revision once, oldest first");
                }
            }
            return problems;
        }

        private List<String> checkUpcasters() {
            List<String> problems = new ArrayList<>();
            Map<EventType, Upcaster> bySource = new LinkedHashMap<>();
            for (Upcaster upcaster : upcasters) {
                EventType source = upcaster.source();
                String target = upcaster.targetRevision();
                if (source == null || target == null) {
                    problems.add(upcaster.getClass().getName() + " returns no " + (source == null ? "source()" : "targetRevision()")
                            + "; every upcaster names the type it reads and the revision it writes");
                    continue;
                }
                Upcaster other = bySource.putIfAbsent(source, upcaster);
                if (other != null) {
                    problems.add("Two upcasters read " + source + ": " + other.name() + " and " + upcaster.name()
                            + ". Keep one upcaster per source type: merge them into one, or make it a"
                            + " SplittingUpcaster if the event becomes several");
                }
                checkStep(upcaster, source, target).ifPresent(problems::add);
            }
            return problems;
        }

        private Optional<String> checkStep(Upcaster upcaster, EventType source, String target) {
            int from = revisions.indexOf(source.revision());
            int to = revisions.indexOf(target);
            String name = upcaster.name();
            if (from < 0) {
                return Optional.of(name + " reads " + source + ", but revision " + source.revision()
                        + " is not declared (declared order: " + order() + "). Add it to revisions(...) in its"
                        + " place, or fix the upcaster's source");
            }
            if (from == revisions.size() - 1) {
                return Optional.of(name + " reads " + source + ", but " + source.revision() + " is the final"
                        + " revision (declared order: " + order() + "). Declare the revision it upcasts to after "
                        + source.revision() + ", or remove the upcaster");
            }
            String next = revisions.get(from + 1);
            if (to < 0) {
                return Optional.of(name + " upcasts " + source + " to revision " + target + ", which is not declared"
                        + " (declared order: " + order() + "). The revision after " + source.revision() + " is "
                        + next + ": declare " + target + " or make the upcaster write " + next);
            }
            if (to <= from) {
                return Optional.of(name + " upcasts " + source + " backwards to revision " + target
                        + " (declared order: " + order() + "). An upcaster moves one revision forward: make it"
                        + " write " + next + ", as " + Names.upcasterClass(source, next));
            }
            if (to > from + 1) {
                List<String> steps = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    steps.add(Names.upcasterClass(source.withRevision(revisions.get(i)), revisions.get(i + 1)));
                }
                return Optional.of(name + " upcasts " + source + " to revision " + target + ", skipping "
                        + String.join(", ", revisions.subList(from + 1, to)) + " (declared order: " + order()
                        + "). Write one upcaster per step: " + String.join(", then ", steps));
            }
            return Optional.empty();
        }

        private String order() {
            return String.join(" -> ", revisions);
        }
    }
}
