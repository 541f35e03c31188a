package io.recast.kg.v1_1;

import io.recast.kg.RejectedCommand;
import io.recast.kg.KgCommand;
import io.recast.kg.ProjectDirectory;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * One entity of the v1.1 service as a Pekko {@code EventSourcedBehavior}: commands are decided by {@link Domain},
 * events are tagged by {@link Domain#tags} and written through the configured journal (Pekko Persistence Cassandra).
 */
public final class KgEntity extends EventSourcedBehavior<KgEntity.Protocol, KgEvent, EntityState> {

    /** The messages an entity understands. */
    public sealed interface Protocol {
    }

    /** Runs a command; replies with the revision after it, or an error naming why it was rejected. */
    public record Execute(KgCommand command, ActorRef<StatusReply<Long>> replyTo) implements Protocol {
    }

    /** Replies with the current state. */
    public record GetState(ActorRef<EntityState> replyTo) implements Protocol {
    }

    /** Stops the entity (its state stays in the journal). */
    public record Passivate() implements Protocol {
    }

    private final String kind;
    private final ProjectDirectory projects;

    private KgEntity(String kind, String entityId, ProjectDirectory projects) {
        super(PersistenceId.ofUniqueId(kind + "-" + entityId));
        this.kind = kind;
        this.projects = projects;
    }

    /** The behaviour of the entity {@code <kind>-<entityId>}; {@code projects} resolves project-scoped commands. */
    public static Behavior<Protocol> create(String kind, String entityId, ProjectDirectory projects) {
        return new KgEntity(kind, entityId, projects);
    }

    @Override
    public EntityState emptyState() {
        return EntityState.initial(kind);
    }

    @Override
    public CommandHandler<Protocol, KgEvent, EntityState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Execute.class, (state, execute) -> {
                    List<KgEvent> events;
                    try {
                        events = Domain.decide(state, execute.command(), projects);
                    } catch (RejectedCommand rejected) {
                        return Effect().reply(execute.replyTo(), StatusReply.error(rejected.getMessage()));
                    }
                    return Effect().persist(events).thenReply(execute.replyTo(), after -> StatusReply.success(after.rev()));
                })
                .onCommand(GetState.class, (state, get) -> Effect().reply(get.replyTo(), state))
                .onCommand(Passivate.class, (state, passivate) -> Effect().stop())
                .build();
    }

    @Override
    public EventHandler<EntityState, KgEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(Domain::evolve);
    }

    @Override
    public Set<String> tagsFor(KgEvent event) {
        return Domain.tags(event);
    }
}
