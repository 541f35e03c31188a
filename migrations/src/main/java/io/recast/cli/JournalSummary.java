package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What a journal holds, read back from {@code messages} with the driver: counts per kind, manifest and tag. */
record JournalSummary(long events, int persistenceIds, Map<String, Long> perManifest, Map<String, Long> perKind,
                      Map<String, Long> perTag, List<String> samples) {

    static JournalSummary read(CqlSession session, String keyspace, int sampleCount) {
        long events = 0;
        Set<String> ids = new HashSet<>();
        Map<String, Long> perManifest = new TreeMap<>();
        Map<String, Long> perKind = new TreeMap<>();
        Map<String, Long> perTag = new TreeMap<>();
        List<String> samples = new ArrayList<>();
        SimpleStatement select = SimpleStatement.newInstance("SELECT persistence_id, sequence_nr, ser_manifest, tags, "
                + "event FROM " + keyspace + ".messages").setPageSize(1000);
        for (Row row : session.execute(select)) {
            events++;
            String pid = row.getString("persistence_id");
            ids.add(pid);
            perManifest.merge(row.getString("ser_manifest"), 1L, Long::sum);
            perKind.merge(pid.substring(0, Math.max(0, pid.indexOf('-'))), 1L, Long::sum);
            for (String tag : row.getSet("tags", String.class)) {
                perTag.merge(tag.startsWith("project=") ? "project=<uuid>" : tag, 1L, Long::sum);
            }
            if (samples.size() < sampleCount && pid.startsWith("resources-") && row.getLong("sequence_nr") == 1) {
                ByteBuffer event = row.getByteBuffer("event");
                String json = event == null ? "" : StandardCharsets.UTF_8.decode(event).toString();
                samples.add(pid + " #" + row.getLong("sequence_nr") + " " + row.getString("ser_manifest") + " tags="
                        + row.getSet("tags", String.class) + "\n      " + (json.length() > 300 ? json.substring(0, 300) + "..." : json));
            }
        }
        return new JournalSummary(events, ids.size(), perManifest, perKind, perTag, samples);
    }

    void print(PrintStream out) {
        out.printf("  %,d events of %,d persistence ids%n", events, persistenceIds);
        out.println("  events per entity kind:");
        perKind.forEach((kind, n) -> out.printf("    %-14s %,8d%n", kind, n));
        out.println("  events per manifest:");
        perManifest.forEach((manifest, n) -> out.printf("    %-60s %,8d%n", manifest, n));
        out.println("  events per tag:");
        perTag.forEach((tag, n) -> out.printf("    %-60s %,8d%n", tag, n));
        out.println("  sample rows:");
        samples.forEach(sample -> out.println("    " + sample));
    }
}
