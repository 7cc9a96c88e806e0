package com.partnerdeals.platform.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Periodic work: closing ended trials, sharing projection work between query nodes, recounting the
 * overview's tab counts and activity sort key.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SchedulingConfiguration {
}
