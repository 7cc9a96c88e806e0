package com.partnerdeals.query.projections;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/projections")
@Tag(name = "Projections")
@PreAuthorize("hasRole('PARTNER_MANAGER')")
class ProjectionAdminController {

    private final Projections projections;

    ProjectionAdminController(Projections projections) {
        this.projections = projections;
    }

    @GetMapping
    @Operation(summary = "Each read model's position, the head of the event store, lag, replay progress, dead letters")
    List<Projections.Status> status() {
        return projections.status();
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild a read model from the first event; queries keep answering meanwhile")
    ResponseEntity<Map<String, Object>> replay(@PathVariable String name) {
        projections.replay(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("name", name, "replaying", true));
    }

    @PostMapping("/{name}/dead-letters/retry")
    @Operation(summary = "Retry the events parked in a read model's dead-letter queue")
    Projections.RetryOutcome retryDeadLetters(@PathVariable String name) {
        return projections.retryDeadLetters(name);
    }
}
