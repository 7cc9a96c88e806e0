package com.partnerdeals.command.customer;

import com.partnerdeals.api.customer.Activity;
import com.partnerdeals.api.customer.ExtendTrial;
import com.partnerdeals.api.customer.RecordCustomerActivities;
import com.partnerdeals.api.customer.ReportCustomerUsage;
import com.partnerdeals.api.customer.RequestTrialExtension;
import com.partnerdeals.api.customer.StartSubscription;
import com.partnerdeals.command.web.CommandResult;
import com.partnerdeals.platform.security.Caller;
import com.partnerdeals.platform.web.ExpectedVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customer account commands over HTTP (SPEC 5 and 8): the partner's extension request, the manager's
 * extension, subscriptions, and the product's usage reports. Shapes are validated here; rules live in
 * {@link Trial}.
 */
@RestController
@RequestMapping("/api/customers/{customerId}")
@Tag(name = "Customers")
class CustomerAccountController {

    static final int MAX_BATCH = 1000;

    record ExtensionRequest(@Size(max = 4000) @Schema(example = "Waiting for the customer's security review")
                            String note) {
    }

    record ExtensionGrant(@Min(1) @Max(90) @Schema(description = "Default 30", example = "30") Integer days) {
    }

    record SubscriptionRequest(@Size(max = 100) @Schema(example = "Professional") String plan,
                               @Schema(description = "Default: now", example = "2026-11-30T09:00:00Z") Instant startedAt) {
    }

    record ActivityReport(@NotBlank @Size(max = 128) @Schema(example = "evt-20261130-0001") String activityId,
                          @NotBlank @Size(max = 64) @Schema(example = "LOGIN") String type,
                          @NotNull @Schema(example = "2026-11-30T08:15:00Z") Instant occurredAt,
                          @Size(max = 128) @Schema(example = "user-42") String userId) {
    }

    record ActivityBatch(@NotEmpty @Size(max = MAX_BATCH) List<@NotNull @Valid ActivityReport> activities) {
    }

    record UsageReport(@NotNull @Min(0) @Schema(example = "12") Integer users,
                       @Size(max = 100) @Schema(example = "ISO 27001") String mainFramework,
                       @NotNull @Min(0) @Max(100) @Schema(description = "Percent", example = "40") Integer frameworkProgress) {
    }

    private final CommandGateway commands;

    CustomerAccountController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/trial-extension-requests")
    @PreAuthorize("hasRole('PARTNER')")
    @Operation(operationId = "requestTrialExtension", summary = "Ask the partner manager for a longer trial (the owning partner)",
            description = "Once per trial (409 EXTENSION_ALREADY_REQUESTED); the request shows as an attention item for the partner manager.")
    ResponseEntity<CommandResult> requestExtension(@PathVariable String customerId,
                                                         @Valid @RequestBody(required = false) ExtensionRequest request,
                                                         Caller caller,
                                                         ExpectedVersion expected) {
        String note = request != null && request.note() != null && !request.note().isBlank() ? request.note().trim() : null;
        return ok(customerId, commands.sendAndWait(new RequestTrialExtension(customerId, note, caller.partnerId(),
                expected.value())));
    }

    @PostMapping("/trial-extension")
    @PreAuthorize("hasRole('PARTNER_MANAGER')")
    @Operation(operationId = "extendTrial", summary = "Extend the trial (days 1..90, default 30); at most once per trial",
            description = "Moves trialEndsAt by the days granted; a second extension is 409 TRIAL_ALREADY_EXTENDED.")
    ResponseEntity<CommandResult> extend(@PathVariable String customerId,
                                               @Valid @RequestBody(required = false) ExtensionGrant request,
                                               ExpectedVersion expected) {
        Integer days = request != null ? request.days() : null;
        return ok(customerId, commands.sendAndWait(new ExtendTrial(customerId, days, expected.value())));
    }

    @PostMapping("/subscription")
    @PreAuthorize("hasAnyRole('SYSTEM', 'PARTNER_MANAGER')")
    @Operation(operationId = "startSubscription", summary = "The customer subscribed (a second start changes nothing)",
            description = "The trial account becomes an active subscription. Sent by the product (SYSTEM) or a partner manager.")
    ResponseEntity<CommandResult> subscribe(@PathVariable String customerId,
                                                  @Valid @RequestBody(required = false) SubscriptionRequest request,
                                                  ExpectedVersion expected) {
        String plan = request != null && request.plan() != null && !request.plan().isBlank() ? request.plan().trim() : null;
        Instant startedAt = request != null ? request.startedAt() : null;
        return ok(customerId, commands.sendAndWait(new StartSubscription(customerId, plan, startedAt, null,
                expected.value())));
    }

    @PostMapping("/activities")
    @PreAuthorize("hasRole('SYSTEM')")
    @ApiResponse(responseCode = "202", description = "Recorded: how many were new and how many were repeats", useReturnTypeSchema = true)
    @Operation(operationId = "recordCustomerActivities", summary = "Record up to 1000 activities; an activityId seen before counts once",
            description = "Sent by the product. Activities feed the 90-day activity counts of the customer overview; a repeated activityId is counted as a duplicate and changes nothing.")
    ResponseEntity<RecordedActivities> recordActivities(@PathVariable String customerId,
                                                         @Valid @RequestBody ActivityBatch batch) {
        List<Activity> activities = batch.activities().stream()
                .map(a -> new Activity(a.activityId(), a.type(), a.occurredAt(), a.userId()))
                .toList();
        Trial.ActivityOutcome outcome = commands.sendAndWait(new RecordCustomerActivities(customerId, activities));
        return ResponseEntity.status(HttpStatus.ACCEPTED).eTag(Long.toString(outcome.version())).body(
                new RecordedActivities(customerId, outcome.accepted(), outcome.duplicates(), outcome.version()));
    }

    @PutMapping("/usage")
    @PreAuthorize("hasRole('SYSTEM')")
    @Operation(operationId = "reportCustomerUsage", summary = "Report the account's usage: users, main framework and its progress",
            description = "Sent by the product: the latest snapshot replaces the previous one.")
    ResponseEntity<CommandResult> reportUsage(@PathVariable String customerId,
                                                    @Valid @RequestBody UsageReport report) {
        String framework = report.mainFramework() != null && !report.mainFramework().isBlank()
                ? report.mainFramework().trim() : null;
        return ok(customerId, commands.sendAndWait(new ReportCustomerUsage(customerId, report.users(), framework,
                report.frameworkProgress())));
    }

    /** What a batch of activities did to the account: new ones and repeats of ones recorded before. */
    record RecordedActivities(@Schema(example = "8a6f0d3e-1b2c-4d5e-8f90-a1b2c3d4e5f6") String customerId,
                              @Schema(example = "3") int accepted,
                              @Schema(example = "1") int duplicates,
                              @Schema(example = "7") long version) {
    }

    private static ResponseEntity<CommandResult> ok(String customerId, long version) {
        return CommandResult.customer(customerId, version).ok();
    }
}
