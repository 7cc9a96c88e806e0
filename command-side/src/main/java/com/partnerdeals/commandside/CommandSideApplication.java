package com.partnerdeals.commandside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The command side as its own process: aggregates, command endpoints, lookups and schedulers, against
 * the shared PostgreSQL event store. Scale out by running more of these.
 */
@SpringBootApplication(scanBasePackages = {"com.partnerdeals.platform", "com.partnerdeals.command"})
@ConfigurationPropertiesScan("com.partnerdeals.platform")
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
