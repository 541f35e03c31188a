package io.recast.kg.seed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.kg.Vocabulary;
import io.recast.kg.KgCommand;
import io.recast.kg.v1_0.KgEvent.FileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A deterministic legacy workload: the same (events, entities, seed) always gives the same commands, hence the same
 * events. Every command yields exactly one event, so the plan has exactly {@code events} commands.
 *
 * <p>Shape: one organization per 500 entities, one project per 50, each project with a disk storage and two default
 * views; of the rest, 10% files and 90% resources with JSON-LD sources (about 600 bytes), 30% of them typed
 * {@code nxv:Alpha}, 25% with an empty {@code @context}, 10% created-and-tagged (legacy), later events being updates,
 * tags, no-op refreshes (legacy) and deprecations.
 */
public final class SeedPlan {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    private static final String SUBJECT = "https://kg.example.org/realms/internal/users/seeder";
    private static final List<String> TYPES = List.of("http://schema.org/Dataset", "http://schema.org/Person",
            "http://www.w3.org/ns/prov#Entity", "https://neuroshapes.org/Trace", "https://neuroshapes.org/Morphology");
    private static final List<String> WORDS = List.of("neuron", "cortex", "morphology", "trace", "atlas", "synapse",
            "dendrite", "axon", "thalamus", "hippocampus", "recording", "slice", "region", "model", "simulation");

    private final List<EntityScript> entities;
    private final long events;

    private SeedPlan(List<EntityScript> entities) {
        this.entities = List.copyOf(entities);
        this.events = entities.stream().mapToLong(e -> e.commands().size()).sum();
    }

    public List<EntityScript> entities() {
        return entities;
    }

    public long events() {
        return events;
    }

    /**
     * @param events   the number of events (at least {@code entities})
     * @param entities the number of entities (at least 6: an organization, a project, its storage and views, a resource)
     * @param seed     the random seed
     */
    public static SeedPlan generate(int events, int entities, long seed) {
        if (entities < 6) {
            throw new IllegalArgumentException("--entities must be at least 6 (an organization, a project, its storage "
                    + "and two views, and one resource); got " + entities);
        }
        if (events < entities) {
            throw new IllegalArgumentException("--events (" + events + ") must be at least --entities (" + entities
                    + "): every entity has a creation event");
        }
        return new Generator(new Random(seed)).plan(events, entities);
    }

    private static final class Generator {
        private final Random random;
        private long clock;

        Generator(Random random) {
            this.random = random;
        }

        SeedPlan plan(int events, int entityCount) {
            int orgs = Math.max(1, entityCount / 500);
            int projects = Math.max(1, Math.min(entityCount / 50, (entityCount - orgs - 1) / 4));
            int rest = entityCount - orgs - projects * 4;
            int files = rest / 10;
            int resources = rest - files;

            List<EntityScript> scripts = new ArrayList<>();
            List<String[]> orgInfo = new ArrayList<>();
            for (int i = 0; i < orgs; i++) {
                String uuid = uuid();
                String label = "org" + i;
                orgInfo.add(new String[] {uuid, label});
                scripts.add(new EntityScript("organizations", uuid, List.of(new KgCommand.CreateOrganization(uuid,
                        label, "Organization " + i + " of the " + words(3), instant(), SUBJECT))));
            }
            List<String[]> projectInfo = new ArrayList<>();
            for (int i = 0; i < projects; i++) {
                String[] org = orgInfo.get(i % orgs);
                String uuid = uuid();
                String label = "project" + i;
                String base = "https://kg.example.org/" + org[1] + "/" + label + "/";
                projectInfo.add(new String[] {uuid, base, org[1] + "/" + label});
                scripts.add(new EntityScript("projects", uuid, List.of(new KgCommand.CreateProject(uuid, label,
                        org[0], org[1], "Project about " + words(4), base, base + "vocab/", instant(), SUBJECT))));
                String storage = uuid();
                scripts.add(new EntityScript("storages", storage, List.of(new KgCommand.CreateStorage(storage,
                        base + "storages/" + storage, uuid, "/data/volumes/" + org[1] + "/" + label, instant(),
                        SUBJECT))));
                for (String kind : List.of("ElasticSearch", "Sparql")) {
                    String view = uuid();
                    scripts.add(new EntityScript("views", view, List.of(new KgCommand.CreateView(view,
                            base + "views/default" + kind, uuid, kind, instant(), SUBJECT))));
                }
            }
            int first = scripts.size();
            List<List<KgCommand>> bodies = new ArrayList<>();
            List<Boolean> isFile = new ArrayList<>();
            for (int i = 0; i < resources + files; i++) {
                String[] project = projectInfo.get(random.nextInt(projects));
                boolean file = i >= resources;
                String entity = uuid();
                List<KgCommand> commands = new ArrayList<>();
                if (file) {
                    commands.add(new KgCommand.CreateFile(entity, project[1] + "files/" + entity, project[0],
                            fileAttributes(project[2]), instant(), SUBJECT));
                } else {
                    List<String> types = types();
                    String id = project[1] + "resources/" + entity;
                    commands.add(new KgCommand.CreateResource(entity, id, project[0],
                            "https://bluebrain.github.io/nexus/schemas/unconstrained.json", types,
                            source(id, types, project[1]), random.nextInt(10) == 0 ? "v1.0-release" : null,
                            instant(), SUBJECT));
                }
                bodies.add(commands);
                isFile.add(file);
                scripts.add(null);
            }
            // spread the remaining events over resources and files
            int[] extra = new int[bodies.size()];
            for (long e = 0, left = (long) events - entityCount; e < left; e++) {
                extra[random.nextInt(extra.length)]++;
            }
            for (int i = 0; i < bodies.size(); i++) {
                List<KgCommand> commands = bodies.get(i);
                if (isFile.get(i)) {
                    fileHistory(commands, extra[i]);
                } else {
                    resourceHistory(commands, extra[i]);
                }
                String entity = commands.get(0).entityId();
                scripts.set(first + i, new EntityScript(isFile.get(i) ? "files" : "resources", entity, commands));
            }
            return new SeedPlan(scripts);
        }

        private void fileHistory(List<KgCommand> commands, int count) {
            KgCommand.CreateFile create = (KgCommand.CreateFile) commands.get(0);
            String path = create.attributes().filePath();
            String fileFolder = path.substring(0, path.lastIndexOf('/'));
            String location = fileFolder.substring(0, fileFolder.lastIndexOf('/'));
            for (int rev = 1; rev <= count; rev++) {
                commands.add(new KgCommand.UpdateFile(create.entityId(), rev, fileAttributes(location), instant(),
                        SUBJECT));
            }
        }

        private void resourceHistory(List<KgCommand> commands, int count) {
            KgCommand.CreateResource create = (KgCommand.CreateResource) commands.get(0);
            long rev = create.tag() == null ? 1 : 2;
            boolean deprecateLast = count > 0 && random.nextInt(10) < 3;
            for (int i = 0; i < count; i++) {
                String entity = create.entityId();
                if (i == count - 1 && deprecateLast) {
                    commands.add(new KgCommand.DeprecateResource(entity, rev, instant(), SUBJECT));
                    rev++;
                    continue;
                }
                int dice = random.nextInt(100);
                if (dice < 65) {
                    List<String> types = random.nextInt(4) == 0 ? types() : create.types();
                    commands.add(new KgCommand.UpdateResource(entity, rev, types,
                            source(create.id(), types, create.id().substring(0, create.id().indexOf("resources/"))),
                            instant(), SUBJECT));
                    rev++;
                } else if (dice < 85) {
                    commands.add(new KgCommand.TagResource(entity, rev, 1 + random.nextInt((int) rev),
                            "v" + (1 + random.nextInt(5)), instant(), SUBJECT));
                    rev++;
                } else {
                    commands.add(new KgCommand.RefreshResource(entity, instant(), SUBJECT));
                }
            }
        }

        private List<String> types() {
            List<String> types = new ArrayList<>();
            types.add(TYPES.get(random.nextInt(TYPES.size())));
            if (random.nextInt(10) < 3) {
                types.add(Vocabulary.ALPHA);
            }
            return types;
        }

        private ObjectNode source(String id, List<String> types, String base) {
            ObjectNode source = NODES.objectNode();
            ObjectNode context = source.putObject("@context");
            if (random.nextInt(4) != 0) {
                context.put("@base", base).put("@vocab", base + "vocab/");
                context.put("schema", "http://schema.org/");
            }
            source.put("@id", id);
            ArrayNode type = source.putArray("@type");
            types.forEach(type::add);
            source.put("http://schema.org/name", capitalize(words(3)));
            source.put("http://schema.org/description", capitalize(words(12)) + ".");
            ArrayNode keywords = source.putArray("http://schema.org/keywords");
            for (int i = 0, n = 2 + random.nextInt(3); i < n; i++) {
                keywords.add(WORDS.get(random.nextInt(WORDS.size())));
            }
            ObjectNode contributor = source.putObject("http://schema.org/contributor");
            contributor.put("@id", "https://kg.example.org/people/" + uuid());
            contributor.put("http://schema.org/name", capitalize(words(2)));
            source.put("http://schema.org/dateCreated", instantString());
            source.put("http://schema.org/size", random.nextInt(1_000_000));
            return source;
        }

        private FileAttributes fileAttributes(String location) {
            String uuid = uuid();
            String name = WORDS.get(random.nextInt(WORDS.size())) + "-" + random.nextInt(1000) + ".csv";
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            return new FileAttributes(uuid, location + "/" + uuid + "/" + name, name, "text/csv",
                    1 + random.nextInt(10_000_000), "SHA-256:" + HexFormat.of().formatHex(digest));
        }

        private String words(int n) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) {
                text.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
            }
            return text.toString();
        }

        private static String capitalize(String text) {
            return Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }

        private String uuid() {
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }

        private String instant() {
            clock++;
            return EPOCH.plusSeconds(clock).toString();
        }

        private String instantString() {
            return EPOCH.minusSeconds(random.nextInt(86_400 * 365)).toString();
        }
    }
}
