package io.recast.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.rewrite.PidRewrite;
import io.recast.engine.rewrite.RewriteResult;
import io.recast.engine.rewrite.RewriteSample;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** A rewrite's report, for people (text) and for tools (JSON). */
public final class RewriteReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RewriteReport() {
    }

    public static void print(RewriteResult r, PrintStream out) {
        out.printf("  %s: %,d events of %,d persistence ids read in %.1f s (%,.0f events/s; first pass %.1f s)%n",
                r.dryRun() ? "dry run" : "rewrite", r.eventsRead(), r.persistenceIds(),
                r.rewritePass().toMillis() / 1000.0, r.eventsPerSecond(), r.contextPass().toMillis() / 1000.0);
        out.printf("  ids: %,d unchanged, %,d rewritten (%,d renumbered), %,d held back%n", r.unchangedIds(),
                r.rewrittenIds(), r.renumberedIds(), r.heldBackIds());
        out.printf("  events: %,d upcast, %,d dropped, %,d split; the rewritten ids hold %,d events afterwards%n",
                r.upcastEvents(), r.droppedEvents(), r.splitEvents(), r.eventsAfter());
        if (!r.dryRun()) {
            out.printf("  rows written (backups included): %,d%s%n", r.rowsWritten(),
                    r.slicesSkipped() > 0 ? "; resumed: " + r.slicesSkipped() + " slices were already done" : "");
        }
        out.println("  per upcaster:");
        new TreeMap<>(r.perUpcaster()).forEach((name, n) -> out.printf("    %-70s %,8d%n", shortName(name), n));
        out.printf("  quarantined: %,d%s%n", r.quarantined(), r.quarantined() == 0 ? "" : " " + r.quarantinedByCode());
        for (PidRewrite.Quarantined q : r.listed()) {
            out.printf("    %s #%d %s: %s%n", q.persistenceId(), q.sequenceNr(), q.failure().code(), q.failure().message());
        }
        r.contextFailures().forEach(f -> out.println("    first pass could not read: " + f.message()));
        if (r.dryRun() && !r.samples().isEmpty()) {
            out.println("  samples (before -> after):");
            for (RewriteSample sample : r.samples()) {
                out.printf("    %s #%d%n      - %s%n", sample.persistenceId(), sample.sequenceNr(), sample.before());
                sample.after().forEach(after -> out.println("      + " + after));
            }
        }
    }

    public static ObjectNode json(RewriteResult r) {
        ObjectNode node = JSON.valueToTree(Map.of());
        node.put("dryRun", r.dryRun());
        node.put("checksum", r.checksum());
        node.put("eventsRead", r.eventsRead());
        node.put("persistenceIds", r.persistenceIds());
        node.put("unchangedIds", r.unchangedIds());
        node.put("rewrittenIds", r.rewrittenIds());
        node.put("renumberedIds", r.renumberedIds());
        node.put("heldBackIds", r.heldBackIds());
        node.put("upcastEvents", r.upcastEvents());
        node.put("droppedEvents", r.droppedEvents());
        node.put("splitEvents", r.splitEvents());
        node.put("eventsAfter", r.eventsAfter());
        node.put("rowsWritten", r.rowsWritten());
        node.put("quarantined", r.quarantined());
        node.set("quarantinedByCode", JSON.valueToTree(r.quarantinedByCode()));
        node.set("quarantinedEvents", JSON.valueToTree(r.listed().stream().map(q -> Map.of(
                "persistenceId", q.persistenceId(), "sequenceNr", q.sequenceNr(), "type", q.type(),
                "code", q.failure().code().name(), "message", q.failure().message())).toList()));
        node.set("perUpcaster", JSON.valueToTree(new TreeMap<>(r.perUpcaster())));
        node.set("samples", JSON.valueToTree(r.samples()));
        node.put("slicesSkipped", r.slicesSkipped());
        node.put("contextPassMillis", r.contextPass().toMillis());
        node.put("rewritePassMillis", r.rewritePass().toMillis());
        node.put("eventsPerSecond", Math.round(r.eventsPerSecond()));
        return node;
    }

    public static void write(ObjectNode report, Path file) {
        try {
            Files.write(file, JSON.writeValueAsBytes(report));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report to " + file, e);
        }
    }

    private static String shortName(String upcaster) {
        int dot = upcaster.lastIndexOf('.', upcaster.indexOf('(') < 0 ? upcaster.length() : upcaster.indexOf('('));
        return dot < 0 ? upcaster : upcaster.substring(dot + 1);
    }
}
