package com.partnerdeals.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What every command answers (SPEC 8): the id of the aggregate it acted on and that aggregate's new version,
 * which is also the {@code ETag}; a client sends it back in {@code If-Match} to change the aggregate only if
 * nobody changed it in between (412 otherwise). Only the ids that apply are present.
 *
 * <p>The answers name their content type, so Spring MVC does not negotiate it after the command has run (that was
 * 4.4 % of the service's CPU samples in a profile under load, bench/THROUGHPUT.md): RequestShapeCheck refused an
 * Accept without JSON before.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The aggregate a command acted on and its new version (also sent as ETag). "
        + "Only the ids that apply to the command are present.")
public record CommandResult(
        @Schema(description = "The deal, for deal commands", example = "3f1c2a9e-8b4d-4e7a-9c1f-2d5e6a7b8c9d")
        String dealId,
        @Schema(description = "The partner, for partner commands", example = "nordic-grc")
        String partnerId,
        @Schema(description = "The customer account, for trial and account commands",
                example = "8a6f0d3e-1b2c-4d5e-8f90-a1b2c3d4e5f6")
        String customerId,
        @Schema(description = "The note, when a note was added", example = "note-1")
        String noteId,
        @Schema(description = "When the new trial ends, when a trial was started", example = "2026-12-14T10:00:00Z")
        Instant trialEndsAt,
        @Schema(description = "The aggregate's version after the command", example = "3",
                requiredMode = Schema.RequiredMode.REQUIRED)
        long version) {

    public static CommandResult deal(String dealId, long version) {
        return new CommandResult(dealId, null, null, null, null, version);
    }

    public static CommandResult partner(String partnerId, long version) {
        return new CommandResult(null, partnerId, null, null, null, version);
    }

    public static CommandResult customer(String customerId, long version) {
        return new CommandResult(null, null, customerId, null, null, version);
    }

    public static CommandResult trialStarted(String dealId, String customerId, Instant trialEndsAt, long version) {
        return new CommandResult(dealId, null, customerId, null, trialEndsAt, version);
    }

    public CommandResult withNote(String noteId) {
        return new CommandResult(dealId, partnerId, customerId, noteId, trialEndsAt, version);
    }

    /** 200 with the version as ETag: the command changed the aggregate, or found it already as asked. */
    public ResponseEntity<CommandResult> ok() {
        return ResponseEntity.ok().eTag(Long.toString(version)).contentType(MediaType.APPLICATION_JSON).body(this);
    }

    /** 201 with the created resource's Location and the version as ETag. */
    public ResponseEntity<CommandResult> created(URI location) {
        return ResponseEntity.created(location).eTag(Long.toString(version)).contentType(MediaType.APPLICATION_JSON).body(this);
    }
}
