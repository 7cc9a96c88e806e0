package com.partnerdeals.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The all-in-one service: command side and query side in one process (H2 by default). */
@SpringBootApplication(scanBasePackages = {"com.partnerdeals.platform", "com.partnerdeals.command", "com.partnerdeals.query"})
@ConfigurationPropertiesScan("com.partnerdeals.platform")
public class PartnerDealsApplication {

    public static void main(String[] args) {
        SpringApplication.run(PartnerDealsApplication.class, args);
    }
}
