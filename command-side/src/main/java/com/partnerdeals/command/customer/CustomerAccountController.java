package com.partnerdeals.command.customer;

import com.partnerdeals.api.customer.Activity;
import com.partnerdeals.api.customer.ExtendTrial;
import com.partnerdeals.api.customer.RecordCustomerActivities;
import com.partnerdeals.api.customer.ReportCustomerUsage;
import com.partnerdeals.api.customer.RequestTrialExtension;
import com.partnerdeals.api.customer.StartSubscription;
import com.partnerdeals.command.web.Versions;
import com.partnerdeals.platform.security.Caller;
import com.partnerdeals.platform.web.ExpectedVersion;
import io.swagger.v3.oas.annotations.Operation;
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
import java.util.Map;
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
@Tag(name = "Customer accounts")
class CustomerAccountController {

    static final int MAX_BATCH = 1000;

    record ExtensionRequest(@Size(max = 4000) String note) {
    }

    record ExtensionGrant(@Min(1) @Max(90) Integer days) {
    }

    record SubscriptionRequest(@Size(max = 100) String plan, Instant startedAt) {
    }

    record ActivityReport(@NotBlank @Size(max = 128) String activityId,
                          @NotBlank @Size(max = 64) String type,
                          @NotNull Instant occurredAt,
                          @Size(max = 128) String userId) {
    }

    record ActivityBatch(@NotEmpty @Size(max = MAX_BATCH) List<@NotNull @Valid ActivityReport> activities) {
    }

    record UsageReport(@NotNull @Min(0) Integer users,
                       @Size(max = 100) String mainFramework,
                       @NotNull @Min(0) @Max(100) Integer frameworkProgress) {
    }

    private final CommandGateway commands;

    CustomerAccountController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/trial-extension-requests")
    @PreAuthorize("hasRole('PARTNER')")
    @Operation(summary = "Ask the partner manager for a longer trial (the owning partner)")
    ResponseEntity<Map<String, Object>> requestExtension(@PathVariable String customerId,
                                                         @Valid @RequestBody(required = false) ExtensionRequest request,
                                                         Caller caller,
                                                         ExpectedVersion expected) {
        String note = request != null && request.note() != null && !request.note().isBlank() ? request.note().trim() : null;
        return ok(customerId, commands.sendAndWait(new RequestTrialExtension(customerId, note, caller.partnerId(),
                expected.value())));
    }

    @PostMapping("/trial-extension")
    @PreAuthorize("hasRole('PARTNER_MANAGER')")
    @Operation(summary = "Extend the trial (days 1..90, default 30); at most once per trial")
    ResponseEntity<Map<String, Object>> extend(@PathVariable String customerId,
                                               @Valid @RequestBody(required = false) ExtensionGrant request,
                                               ExpectedVersion expected) {
        Integer days = request != null ? request.days() : null;
        return ok(customerId, commands.sendAndWait(new ExtendTrial(customerId, days, expected.value())));
    }

    @PostMapping("/subscription")
    @PreAuthorize("hasAnyRole('SYSTEM', 'PARTNER_MANAGER')")
    @Operation(summary = "The customer subscribed (a second start changes nothing)")
    ResponseEntity<Map<String, Object>> subscribe(@PathVariable String customerId,
                                                  @Valid @RequestBody(required = false) SubscriptionRequest request,
                                                  ExpectedVersion expected) {
        String plan = request != null && request.plan() != null && !request.plan().isBlank() ? request.plan().trim() : null;
        Instant startedAt = request != null ? request.startedAt() : null;
        return ok(customerId, commands.sendAndWait(new StartSubscription(customerId, plan, startedAt, null,
                expected.value())));
    }

    @PostMapping("/activities")
    @PreAuthorize("hasRole('SYSTEM')")
    @Operation(summary = "Record up to 1000 activities; an activityId seen before counts once")
    ResponseEntity<Map<String, Object>> recordActivities(@PathVariable String customerId,
                                                         @Valid @RequestBody ActivityBatch batch) {
        List<Activity> activities = batch.activities().stream()
                .map(a -> new Activity(a.activityId(), a.type(), a.occurredAt(), a.userId()))
                .toList();
        Trial.ActivityOutcome outcome = commands.sendAndWait(new RecordCustomerActivities(customerId, activities));
        return ResponseEntity.status(HttpStatus.ACCEPTED).eTag(Long.toString(outcome.version())).body(Map.of(
                "customerId", customerId, "accepted", outcome.accepted(), "duplicates", outcome.duplicates(),
                "version", outcome.version()));
    }

    @PutMapping("/usage")
    @PreAuthorize("hasRole('SYSTEM')")
    @Operation(summary = "Report the account's usage: users, main framework and its progress")
    ResponseEntity<Map<String, Object>> reportUsage(@PathVariable String customerId,
                                                    @Valid @RequestBody UsageReport report) {
        String framework = report.mainFramework() != null && !report.mainFramework().isBlank()
                ? report.mainFramework().trim() : null;
        return ok(customerId, commands.sendAndWait(new ReportCustomerUsage(customerId, report.users(), framework,
                report.frameworkProgress())));
    }

    private static ResponseEntity<Map<String, Object>> ok(String customerId, long version) {
        return Versions.ok("customerId", customerId, version);
    }
}
