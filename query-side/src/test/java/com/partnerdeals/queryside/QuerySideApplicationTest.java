package com.partnerdeals.queryside;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.query.ProjectionConfiguration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The query side starts as a process of its own, with its projections running. */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:query-side;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class QuerySideApplicationTest {

    @Autowired EventProcessingConfiguration eventProcessing;

    @Test
    void runsTheProjections() {
        for (String name : ProjectionConfiguration.PROJECTIONS) {
            assertThat(eventProcessing.eventProcessor(name, PooledStreamingEventProcessor.class)).as(name).isPresent();
        }
    }
}
