package com.partnerdeals.queryside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The query side as its own process: projections streaming from the shared PostgreSQL event store and
 * the query endpoints. Several of these share the projection work by segment.
 */
@SpringBootApplication(scanBasePackages = {"com.partnerdeals.platform", "com.partnerdeals.query"})
@ConfigurationPropertiesScan("com.partnerdeals.platform")
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
