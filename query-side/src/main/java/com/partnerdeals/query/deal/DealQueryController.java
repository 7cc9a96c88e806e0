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
@PreAuthorize("hasAnyRole('PARTNER', 'PARTNER_MANAGER')")
class DealQueryController {

    private final QueryGateway queries;

    DealQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "The deal board: a partner's own deals, or everyone's for vendor staff")
    DealBoard board(@RequestParam(required = false) Set<DealStage> stage,
                    @RequestParam(required = false) Set<ReviewStatus> reviewStatus,
                    @RequestParam(required = false) @Size(max = 200) String q,
                    @RequestParam(required = false) String partnerId,
                    @RequestParam(defaultValue = "0") @Min(0) int page,
                    @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) @Min(1) @Max(PageRequest.MAX_SIZE) int size,
                    Caller caller) {
        return queries.query(new ListDeals(caller.viewer(), partnerId, stage, reviewStatus, q,
                new PageRequest(page, size)), DealBoard.class).join();
    }

    @GetMapping("/{dealId}")
    @Operation(summary = "A deal in full")
    DealView deal(@PathVariable String dealId, Caller caller) {
        return queries.query(new FindDeal(dealId, caller.viewer()), DealView.class).join();
    }

    @GetMapping("/{dealId}/history")
    @Operation(summary = "Every event of the deal, in order, with who caused it")
    List<DealHistory.Entry> history(@PathVariable String dealId, Caller caller) {
        return queries.query(new FindDealHistory(dealId, caller.viewer()), DealHistory.class).join().events();
    }

    @GetMapping("/{dealId}/state")
    @Operation(summary = "The deal as it stood at an instant, rebuilt from its events")
    DealView stateAsOf(@PathVariable String dealId, @RequestParam(required = false) String asOf, Caller caller) {
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
