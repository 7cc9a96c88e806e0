package com.partnerdeals.query.projections;

import com.partnerdeals.platform.web.ReadModelLag;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How far this node's projections are behind the newest event it has seen, for the command admission: the head the
 * wake-up saw ({@link NewEventWakeUp#head}) against the lowest position of the segments this node processes, of
 * every projection. Read from the processors in memory, so cheap enough to ask before every command.
 *
 * <p>Left out, because holding commands back would not bring them closer: a projection that is stopped, failing or
 * replaying; one that has not moved for a second while behind (stuck on a lock, say); and one further behind than
 * {@link #CATCHING_UP} events, as after a start with a backlog, which a command's short wait could not close.
 */
@Component
class ProjectionLag implements ReadModelLag {

    static final long CATCHING_UP = 10_000;
    private static final long STALLED_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Where a projection was when last asked, and since when. */
    private record Progress(long position, long sinceNanos) {
    }

    private final Supplier<Map<String, EventProcessor>> processing;
    private final NewEventWakeUp wakeUp;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private volatile List<StreamingEventProcessor> processors = List.of();

    @Autowired
    ProjectionLag(EventProcessingConfiguration processing, NewEventWakeUp wakeUp) {
        this(processing::eventProcessors, wakeUp);
    }

    ProjectionLag(Supplier<Map<String, EventProcessor>> processing, NewEventWakeUp wakeUp) {
        this.processing = processing;
        this.wakeUp = wakeUp;
    }

    @Override
    public long eventsBehind() {
        long head = wakeUp.head();
        long behind = 0;
        if (head >= 0) {
            for (StreamingEventProcessor processor : processors()) {
                behind = Math.max(behind, behind(processor, head));
            }
        }
        return behind;
    }

    private long behind(StreamingEventProcessor processor, long head) {
        if (!processor.isRunning() || processor.isError()) {
            return 0;
        }
        long position = Long.MAX_VALUE;
        for (EventTrackerStatus segment : processor.processingStatus().values()) {
            OptionalLong current = segment.getCurrentPosition();
            if (segment.isReplaying() || segment.isErrorState() || current.isEmpty()) {
                return 0;
            }
            position = Math.min(position, current.getAsLong());
        }
        long behind = position == Long.MAX_VALUE ? 0 : head - position;
        if (behind <= 0 || behind > CATCHING_UP) {
            return 0;
        }
        return progressing(processor.getName(), position) ? behind : 0;
    }

    private boolean progressing(String name, long position) {
        long now = System.nanoTime();
        Progress seen = progress.compute(name, (key, before) ->
                before != null && before.position() == position ? before : new Progress(position, now));
        return now - seen.sinceNanos() < STALLED_NANOS;
    }

    /** The streaming processors, once the configuration has started them. */
    private List<StreamingEventProcessor> processors() {
        List<StreamingEventProcessor> known = processors;
        if (known.isEmpty()) {
            known = processing.get().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance)
                    .map(StreamingEventProcessor.class::cast)
                    .toList();
            processors = known;
        }
        return known;
    }
}
