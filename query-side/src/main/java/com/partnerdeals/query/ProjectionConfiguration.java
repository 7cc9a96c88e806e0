package com.partnerdeals.query;

import com.partnerdeals.query.projections.DeadLetterQueues;
import com.partnerdeals.query.projections.NewEventWakeUp;
import com.partnerdeals.query.projections.ProjectionWorkSharing;
import com.partnerdeals.query.projections.RememberedViews;
import java.time.Clock;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer.PooledStreamingProcessorConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query side's projections run in pooled streaming processors: they stream from the event store and
 * keep their tokens in the same database and transaction as their tables, so an event is applied once
 * even after a crash. Events of one aggregate stay in order (all go to the same segment). An event a
 * projection cannot handle is parked in its dead-letter queue instead of stopping it or being skipped.
 * Several query nodes share the segments ({@link ProjectionWorkSharing}). They read the event store through
 * {@link NewEventWakeUp}, which wakes them as soon as new events are stored.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProjectionConfiguration.Settings.class, RememberedViews.Settings.class})
public class ProjectionConfiguration {

    public static final String PARTNER_VIEWS = "partner-views";
    public static final String DEAL_VIEWS = "deal-views";
    public static final String CUSTOMER_OVERVIEW = "customer-overview";

    /** The processing groups, each a read model that can be rebuilt on its own. */
    public static final List<String> PROJECTIONS = List.of(PARTNER_VIEWS, DEAL_VIEWS, CUSTOMER_OVERVIEW);

    /**
     * @param segments how many segments each projection's events are split into when its tokens are first
     *                 created (a store that has them keeps its count). Two by default, so two query nodes can
     *                 share the work. Each segment commits its own batches, with its own token update: the
     *                 all-in-one launcher, one process by design, sets one, and each read is then one
     *                 transaction per read model (bench/THROUGHPUT.md). More than two cost more than they give on
     *                 two cores: the processor hands every event to every segment's queue.
     */
    @ConfigurationProperties("portal.projections")
    public record Settings(Integer segments) {
        public Settings {
            segments = segments != null ? segments : 2;
            if (segments < 1) {
                throw new IllegalArgumentException("portal.projections.segments must be at least 1, not " + segments);
            }
        }
    }

    @Bean
    ConfigurerModule projectionProcessors(Settings projections, DeadLetterQueues deadLetterQueues,
                                          ProjectionWorkSharing workSharing, NewEventWakeUp wakeUp) {
        PooledStreamingProcessorConfiguration settings = (axon, processor) -> processor
                .initialSegmentCount(projections.segments())
                .maxSegmentProvider(workSharing::fairShare)
                // A replay commits up to 500 events a transaction (fewer, larger batches cost the database less
                // per event: bench/THROUGHPUT.md); live events are handled as they come.
                .batchSize(500)
                // Claims and back-off follow real time, not the service clock that tests move.
                .clock(Clock.systemUTC());
        return configurer -> configurer.eventProcessing(processing -> PROJECTIONS.forEach(name -> processing
                .registerPooledStreamingEventProcessor(name, axon -> wakeUp.wakingUp(axon.eventStore()), settings)
                .registerDeadLetterQueue(name, axon -> deadLetterQueues.forProjection(name))
                // Remembers per segment which deals have parked events instead of asking the table for every
                // event; when the queue was empty at the claim, nothing is asked until something is parked.
                .registerDeadLetteringEventHandlerInvokerConfiguration(name,
                        (axon, invoker) -> invoker.enableSequenceIdentifierCache())));
    }
}
