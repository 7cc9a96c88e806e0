package com.partnerdeals.query.projections;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shares the projections' segments between the query-side processes. On a JDBC token store Axon's pooled
 * processors simply claim every free segment, so the first node would do all the work. Each node here
 * announces itself in {@code query_node}, claims at most its fair share (segments / live nodes, rounded
 * up) and releases segments above it. When a node dies its claims time out and, the node no longer being
 * live, the others' fair share grows to cover them.
 */
@Component
public class ProjectionWorkSharing {

    private static final Logger log = LoggerFactory.getLogger(ProjectionWorkSharing.class);
    /** A node not seen for this long is gone. Liveness is wall-clock time, not the product clock. */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(10);
    private static final long RELEASE_SECONDS = 5;

    /** This process as the JDBC token store names the owner of a claim (its default) and as it announces itself. */
    static final String NODE_ID = ManagementFactory.getRuntimeMXBean().getName();
    private final JdbcClient jdbc;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private volatile int liveNodes = 1;
    private final Map<String, Integer> segmentCounts = new ConcurrentHashMap<>();

    public ProjectionWorkSharing(JdbcClient jdbc, ObjectProvider<EventProcessingConfiguration> processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    /** The most segments of a processor this node should hold now. */
    public int fairShare(String processorName) {
        int segments = segmentCounts.getOrDefault(processorName, Integer.MAX_VALUE);
        if (segments == Integer.MAX_VALUE) {
            return Short.MAX_VALUE; // not yet initialised: claim freely
        }
        return Math.max(1, (segments + liveNodes - 1) / liveNodes);
    }

    @Scheduled(fixedDelayString = "${portal.projections.share-work-every:2s}", initialDelayString = "0s")
    @Transactional
    public void shareWork() {
        Instant now = Instant.now();
        announce(now);
        liveNodes = Math.max(1, jdbc.sql("SELECT COUNT(*) FROM query_node WHERE last_seen > ?")
                .param(OffsetDateTime.ofInstant(now.minus(NODE_TIMEOUT), ZoneOffset.UTC))
                .query(Integer.class).single());
        for (StreamingEventProcessor processor : processors()) {
            int segments = jdbc.sql("SELECT COUNT(*) FROM token_entry WHERE processor_name = ?")
                    .param(processor.getName()).query(Integer.class).single();
            if (segments == 0) {
                continue;
            }
            segmentCounts.put(processor.getName(), segments);
            releaseAboveFairShare(processor);
        }
    }

    private void releaseAboveFairShare(StreamingEventProcessor processor) {
        List<Integer> mine = processor.processingStatus().keySet().stream().sorted().toList();
        int excess = mine.size() - fairShare(processor.getName());
        for (int i = 0; i < excess; i++) {
            int segment = mine.get(mine.size() - 1 - i);
            log.info("Releasing segment {} of {} to another query node ({} live)", segment, processor.getName(), liveNodes);
            processor.releaseSegment(segment, RELEASE_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void announce(Instant now) {
        OffsetDateTime seen = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE query_node SET last_seen = ? WHERE node_id = ?").params(seen, NODE_ID).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO query_node (node_id, last_seen) VALUES (?, ?)").params(NODE_ID, seen).update();
        }
        jdbc.sql("DELETE FROM query_node WHERE last_seen < ?")
                .param(OffsetDateTime.ofInstant(now.minus(NODE_TIMEOUT.multipliedBy(6)), ZoneOffset.UTC)).update();
    }

    private List<StreamingEventProcessor> processors() {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration == null) {
            return List.of();
        }
        return configuration.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
    }
}
