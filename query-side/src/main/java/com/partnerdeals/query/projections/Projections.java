package com.partnerdeals.query.projections;

import com.partnerdeals.api.common.RuleViolation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The read models' event processors as an operator sees them: how far each is, how far behind the head of
 * the event store, whether it is replaying and how far the replay got, what is parked in its dead-letter
 * queue; and the two things an operator does: replay from the first event, retry dead letters.
 *
 * <p>Positions are read from the token table, so they cover every segment, whichever node processes it.
 */
@Component
public class Projections {

    /** An operator's view of one read model's processor. */
    @Schema(name = "ProjectionStatus")
    public record Status(String name, long position, long head, long lag, boolean replaying, Double replayProgress,
                         int segments, long deadLetters) {
    }

    /** What retrying dead letters did. */
    @Schema(name = "DeadLetterRetry")
    public record RetryOutcome(String name, int retried, long stillDead) {
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final ReadModelRebuilds rebuilds;
    /** Read models whose replay this node is starting right now. */
    private final Set<String> replaysStarting = ConcurrentHashMap.newKeySet();

    public Projections(EventProcessingConfiguration processing, EventStore eventStore, JdbcClient jdbc,
                       Serializer serializer, ReadModelRebuilds rebuilds) {
        this.processing = processing;
        this.rebuilds = rebuilds;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    public List<Status> status() {
        long head = positionOf(eventStore.createHeadToken());
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .map(processor -> status(processor, head))
                .sorted(Comparator.comparing(Status::name))
                .toList();
    }

    /**
     * Rebuilds the read model from the first event. A {@link FoldedReadModel} is rebuilt in bulk beside the live
     * tables, which it replaces at once ({@link ReadModelRebuilds}); any other is replayed through its processor,
     * whose reset handler clears the tables first. One replay of a read model at a time (SPEC 9): a second
     * request while one starts or runs is refused.
     *
     * <p>The dead letters go too: the replay handles every event again, in order, and parks again whatever
     * still fails. A sequence left parked from before would instead park every event of its aggregate during
     * the replay, registration included, and take the whole deal out of the rebuilt model.
     */
    public void replay(String name) {
        StreamingEventProcessor processor = processor(name);
        if (!processor.supportsReset()) {
            throw RuleViolation.conflict("REPLAY_NOT_SUPPORTED", "Projection " + name + " cannot be replayed");
        }
        if (!replaysStarting.add(name)) {
            throw replayInProgress(name);
        }
        try {
            if (rebuilds.isRunning(name) || tokens(name).stream().anyMatch(Projections::replayUnfinished)) {
                throw replayInProgress(name);
            }
            if (rebuilds.canRebuild(name)) {
                requireNoOtherNode(name);
                if (!rebuilds.start(name, () -> replayThroughProcessor(name, processor))) {
                    throw replayInProgress(name);
                }
            } else {
                replayThroughProcessor(name, processor);
            }
        } finally {
            replaysStarting.remove(name);
        }
    }

    /** The processor starts again from the first event: its reset handler empties the tables first. */
    private void replayThroughProcessor(String name, StreamingEventProcessor processor) {
        processor.shutDown();
        try {
            processor.resetTokens();
            processing.deadLetterQueue(name).ifPresent(SequencedDeadLetterQueue::clear);
        } catch (UnableToClaimTokenException claimedElsewhere) {
            throw needsAllNodesStopped(name);
        } finally {
            processor.start();
        }
    }

    /** A rebuild moves every segment's token; a segment another node processes would refuse that at the end. */
    private void requireNoOtherNode(String name) {
        long elsewhere = jdbc.sql("SELECT COUNT(*) FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL AND owner <> ?")
                .param(name)
                .param(ProjectionWorkSharing.NODE_ID)
                .query(Long.class)
                .single();
        if (elsewhere > 0) {
            throw needsAllNodesStopped(name);
        }
    }

    private static RuleViolation needsAllNodesStopped(String name) {
        return RuleViolation.conflict("REPLAY_NEEDS_ALL_NODES_STOPPED", "Another node is processing " + name
                + "; stop its processor on the other query nodes, then replay from one node");
    }

    private static RuleViolation replayInProgress(String name) {
        return RuleViolation.conflict("REPLAY_IN_PROGRESS", "A replay of " + name + " is already running; "
                + "GET /api/admin/projections shows its progress");
    }

    /**
     * A segment still replays while its token, in the shared token table, is a replay token short of the
     * position the reset was made at: this holds whichever node processes the segment.
     */
    private static boolean replayUnfinished(TrackingToken token) {
        return token instanceof ReplayToken replay
                && positionOf(replay.getCurrentToken()) < positionOf(replay.getTokenAtReset());
    }

    /**
     * The read models whose processor on this node is not running or stopped on an error; not one that a rebuild
     * stops for its switch on purpose.
     */
    public List<String> stopped() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .filter(processor -> !processor.isRunning() || processor.isError())
                .filter(processor -> !rebuilds.isRunning(processor.getName()))
                .map(EventProcessor::getName)
                .sorted()
                .toList();
    }

    /** Tries every parked event of the projection again; those that fail again stay parked. */
    public RetryOutcome retryDeadLetters(String name) {
        processor(name);
        SequencedDeadLetterProcessor<?> deadLetters = processing.sequencedDeadLetterProcessor(name)
                .orElseThrow(() -> RuleViolation.conflict("NO_DEAD_LETTER_QUEUE", name + " has no dead-letter queue"));
        int retried = 0;
        long parked = deadLetterCount(name);
        while (retried < parked && deadLetters.processAny()) {
            retried++;
        }
        return new RetryOutcome(name, retried, deadLetterCount(name));
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> RuleViolation.notFound("No projection " + name));
    }

    private Status status(StreamingEventProcessor processor, long head) {
        List<Long> positions = tokens(processor.getName()).stream().map(Projections::positionOf).toList();
        long position = positions.stream().mapToLong(Long::longValue).min().orElse(-1);
        Map<Integer, EventTrackerStatus> local = processor.processingStatus();
        Optional<Double> rebuilt = rebuilds.progress(processor.getName());
        boolean replaying = rebuilt.isPresent() || local.values().stream().anyMatch(Projections::stillReplaying);
        return new Status(processor.getName(), position, head, Math.max(0, head - position), replaying,
                replaying ? rebuilt.orElseGet(() -> replayProgress(local)) : null, positions.size(),
                deadLetterCount(processor.getName()));
    }

    /**
     * Axon keeps a segment's replay flag until an event past the reset point arrives; a segment that has
     * re-handled every event up to the reset point has finished replaying.
     */
    private static boolean stillReplaying(EventTrackerStatus status) {
        return status.isReplaying()
                && status.getCurrentPosition().orElse(-1) < status.getResetPosition().orElse(Long.MAX_VALUE);
    }

    /** How far the replay is, from 0 to 1: events re-handled over the events there were when it started. */
    private static Double replayProgress(Map<Integer, EventTrackerStatus> statuses) {
        return statuses.values().stream()
                .filter(Projections::stillReplaying)
                .mapToDouble(status -> {
                    long current = status.getCurrentPosition().orElse(0);
                    long end = status.getResetPosition().orElse(0);
                    return end <= 0 ? 1.0 : Math.min(1.0, (double) current / end);
                })
                .min()
                .orElse(1.0);
    }

    private long deadLetterCount(String name) {
        return processing.deadLetterQueue(name).map(queue -> queue.size()).orElse(0L);
    }

    /** Every segment's token of the processor, from the token table (null for a segment that has none yet). */
    private List<TrackingToken> tokens(String processorName) {
        return jdbc.sql("SELECT token, token_type FROM token_entry WHERE processor_name = ?")
                .param(processorName)
                .query((rs, row) -> token(rs.getBytes(1), rs.getString(2)))
                .list();
    }

    private TrackingToken token(byte[] bytes, String type) {
        if (bytes == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }

    private static long positionOf(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        OptionalLong position = token.position();
        return position.orElse(-1);
    }
}
