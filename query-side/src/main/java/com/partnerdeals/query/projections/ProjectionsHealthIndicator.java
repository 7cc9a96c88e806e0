package com.partnerdeals.query.projections;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The read models in {@code /actuator/health} (component {@code projections}): DOWN when a projection's processor
 * is stopped or failing on this node; each one's lag, replay and dead letters as details (shown to vendor staff).
 * Not part of readiness: a lagging read model is no reason to stop taking commands.
 */
@Component
class ProjectionsHealthIndicator implements HealthIndicator {

    private final Projections projections;

    ProjectionsHealthIndicator(Projections projections) {
        this.projections = projections;
    }

    @Override
    public Health health() {
        List<String> stopped = projections.stopped();
        Health.Builder health = stopped.isEmpty() ? Health.up() : Health.down().withDetail("stopped", stopped);
        for (Projections.Status status : projections.status()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("lag", status.lag());
            detail.put("replaying", status.replaying());
            detail.put("deadLetters", status.deadLetters());
            health.withDetail(status.name(), detail);
        }
        return health.build();
    }
}
