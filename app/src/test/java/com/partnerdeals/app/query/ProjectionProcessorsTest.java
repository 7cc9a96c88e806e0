package com.partnerdeals.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.query.ProjectionConfiguration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The read models are projected by running pooled streaming processors, one per processing group. */
@ServiceTest
class ProjectionProcessorsTest {

    @Autowired EventProcessingConfiguration eventProcessing;

    @Test
    void everyProjectionRunsInAPooledStreamingProcessor() {
        assertThat(ProjectionConfiguration.PROJECTIONS).containsExactly("partner-views", "deal-views", "customer-overview");
        for (String name : ProjectionConfiguration.PROJECTIONS) {
            EventProcessor processor = eventProcessing.eventProcessor(name).orElseThrow();
            assertThat(processor).as(name).isInstanceOf(PooledStreamingEventProcessor.class);
            assertThat(processor.isRunning()).as(name).isTrue();
            assertThat(((PooledStreamingEventProcessor) processor).supportsReset()).as(name).isTrue();
        }
    }
}
