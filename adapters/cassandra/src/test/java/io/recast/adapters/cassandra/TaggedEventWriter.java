package io.recast.adapters.cassandra;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.persistence.AbstractPersistentActor;
import org.apache.pekko.persistence.journal.Tagged;

/**
 * A classic persistent actor, for tests that need a journal written by the real plugin: it persists string events
 * {@code event-<sequence nr>}, tagged when they have tags, and replies with its last sequence number.
 */
public final class TaggedEventWriter extends AbstractPersistentActor {

    /** Persists one command's events, one tag set per event, with {@code persistAll} or one {@code persist} each. */
    public record Persist(List<Set<String>> events, boolean all) {
    }

    private final String persistenceId;

    public TaggedEventWriter(String persistenceId) {
        this.persistenceId = persistenceId;
    }

    @Override
    public String persistenceId() {
        return persistenceId;
    }

    @Override
    public Receive createReceiveRecover() {
        return receiveBuilder().matchAny(event -> { }).build();
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder().match(Persist.class, command -> {
            List<Object> events = new ArrayList<>();
            long next = lastSequenceNr() + 1;
            for (Set<String> tags : command.events()) {
                String event = "event-" + next++;
                events.add(tags.isEmpty() ? event : new Tagged(event, tags));
            }
            ActorRef replyTo = getSender();
            Object last = events.get(events.size() - 1);
            if (command.all()) {
                persistAll(events, event -> {
                    if (event == last) {
                        replyTo.tell(lastSequenceNr(), getSelf());
                    }
                });
            } else {
                for (Object event : events) {
                    persist(event, persisted -> {
                        if (persisted == last) {
                            replyTo.tell(lastSequenceNr(), getSelf());
                        }
                    });
                }
            }
        }).build();
    }
}
