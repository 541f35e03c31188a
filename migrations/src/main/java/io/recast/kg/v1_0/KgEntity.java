package io.recast.kg.v1_0;

import io.recast.kg.RejectedCommand;
import io.recast.kg.KgCommand;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * One entity of the v1.0 service as a Pekko {@code EventSourcedBehavior}: commands are decided by {@link Domain},
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

    private KgEntity(String kind, String entityId) {
        super(PersistenceId.ofUniqueId(kind + "-" + entityId));
        this.kind = kind;
    }

    /** The behaviour of the entity {@code <kind>-<entityId>}. */
    public static Behavior<Protocol> create(String kind, String entityId) {
        return new KgEntity(kind, entityId);
    }

    @Override
    public EntityState emptyState() {
        return EntityState.initial(kind);
    }

    @Override
    public CommandHandler<Protocol, KgEvent, EntityState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Execute.class, (state, execute) -> {
                    KgEvent event;
                    try {
                        event = Domain.decide(state, execute.command());
                    } catch (RejectedCommand rejected) {
                        return Effect().reply(execute.replyTo(), StatusReply.error(rejected.getMessage()));
                    }
                    return Effect().persist(event).thenReply(execute.replyTo(), after -> StatusReply.success(after.rev()));
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
