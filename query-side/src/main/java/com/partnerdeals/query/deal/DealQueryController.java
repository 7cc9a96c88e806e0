package com.partnerdeals.query.deal;

import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.deal.DealBoard;
import com.partnerdeals.api.deal.DealHistory;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealView;
import com.partnerdeals.api.deal.FindDeal;
import com.partnerdeals.api.deal.FindDealAsOf;
import com.partnerdeals.api.deal.FindDealHistory;
import com.partnerdeals.api.deal.ListDeals;
import com.partnerdeals.api.deal.ReviewStatus;
import com.partnerdeals.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The deal reads (SPEC section 7): board, detail, audit history, state at an instant. */
@RestController
@RequestMapping("/api/deals")
@Tag(name = "Deals")
@PreAuthorize("hasAnyRole('PARTNER', 'PARTNER_MANAGER')")
class DealQueryController {

    private final QueryGateway queries;

    DealQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(operationId = "listDeals", summary = "The deal board: a partner's own deals, or everyone's for vendor staff",
            description = "Filters combine; q searches company name, contact and domain. Paged, newest first.")
    DealBoard board(@RequestParam(required = false) Set<DealStage> stage,
                    @RequestParam(required = false) Set<ReviewStatus> reviewStatus,
                    @RequestParam(required = false) @Size(max = 200) @Parameter(description = "Searches company name, contact and domain") String q,
                    @RequestParam(required = false) @Parameter(description = "Vendor staff only") String partnerId,
                    @RequestParam(defaultValue = "false") @Parameter(description = "Only deals whose protection "
                            + "ends within the reminder period (14 days by default)") boolean protectionEndsSoon,
                    @RequestParam(defaultValue = "0") @Min(0) int page,
                    @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) @Min(1) @Max(PageRequest.MAX_SIZE) int size,
                    Caller caller) {
        return queries.query(new ListDeals(caller.viewer(), partnerId, stage, reviewStatus, q,
                new PageRequest(page, size), protectionEndsSoon), DealBoard.class).join();
    }

    @GetMapping("/{dealId}")
    @Operation(operationId = "getDeal", summary = "A deal in full",
            description = "Another partner's deal is 404, as if it did not exist. Flags are shown to vendor staff only.")
    DealView deal(@PathVariable String dealId, Caller caller) {
        return queries.query(new FindDeal(dealId, caller.viewer()), DealView.class).join();
    }

    @GetMapping("/{dealId}/history")
    @Operation(operationId = "getDealHistory", summary = "Every event of the deal, in order, with who caused it",
            description = "Read from the event store itself, not from a read model: the audit trail.")
    List<DealHistory.Entry> history(@PathVariable String dealId, Caller caller) {
        return queries.query(new FindDealHistory(dealId, caller.viewer()), DealHistory.class).join().events();
    }

    @GetMapping("/{dealId}/state")
    @Operation(operationId = "getDealAsOf", summary = "The deal as it stood at an instant, rebuilt from its events",
            description = "asOf is an ISO-8601 instant; before the deal existed is 404.")
    DealView stateAsOf(@PathVariable String dealId, @RequestParam(required = false) @Parameter(description = "An ISO-8601 instant", example = "2026-11-22T10:00:00Z") String asOf, Caller caller) {
        return queries.query(new FindDealAsOf(dealId, caller.viewer(), instant("asOf", asOf)), DealView.class).join();
    }

    private static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw RuleViolation.invalidField(parameter, "is required, e.g. 2026-11-22T10:00:00Z");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw RuleViolation.invalidField(parameter, "must be an ISO-8601 instant, e.g. 2026-11-22T10:00:00Z");
        }
    }
}
