package io.recast.kg.seed;

import io.recast.kg.KgCommand;
import java.util.List;

/** The commands one entity receives, in order. */
public record EntityScript(String kind, String entityId, List<KgCommand> commands) {

    public EntityScript {
        commands = List.copyOf(commands);
    }

    public String persistenceId() {
        return kind + "-" + entityId;
    }
}
