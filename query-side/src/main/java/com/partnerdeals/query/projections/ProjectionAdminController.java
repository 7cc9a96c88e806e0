package com.partnerdeals.query.projections;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
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

    record ReplayStarted(@Schema(example = "deal-views") String name, @Schema(example = "true") boolean replaying) {
    }

    private final Projections projections;

    ProjectionAdminController(Projections projections) {
        this.projections = projections;
    }

    @GetMapping
    @Operation(operationId = "listProjections", summary = "Each read model's position, the head of the event store, lag, replay progress, dead letters",
            description = "One entry per read model.")
    List<Projections.Status> status() {
        return projections.status();
    }

    @PostMapping("/{name}/replay")
    @ApiResponse(responseCode = "202", description = "The replay started", useReturnTypeSchema = true)
    @Operation(operationId = "replayProjection", summary = "Rebuild a read model from the first event; queries keep answering meanwhile",
            description = "A second replay while one runs is 409 REPLAY_IN_PROGRESS.")
    ResponseEntity<ReplayStarted> replay(@PathVariable String name) {
        projections.replay(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ReplayStarted(name, true));
    }

    @PostMapping("/{name}/dead-letters/retry")
    @Operation(operationId = "retryDeadLetters", summary = "Retry the events parked in a read model's dead-letter queue",
            description = "Answers how many were processed and how many are still parked.")
    Projections.RetryOutcome retryDeadLetters(@PathVariable String name) {
        return projections.retryDeadLetters(name);
    }
}
