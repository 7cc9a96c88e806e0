package com.partnerdeals.query.dashboard;

import com.partnerdeals.api.customer.FindTrialsEndingSoon;
import com.partnerdeals.api.customer.TrialsEndingSoon;
import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.dashboard.Dashboard;
import com.partnerdeals.api.deal.DealBoard;
import com.partnerdeals.api.deal.ListDeals;
import com.partnerdeals.api.dashboard.FindDashboard;
import com.partnerdeals.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Dashboard")
class DashboardController {

    private final QueryGateway queries;

    DashboardController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/dashboard")
    @PreAuthorize("hasAnyRole('PARTNER', 'PARTNER_MANAGER')")
    @Operation(operationId = "getDashboard", summary = "Deal figures and trials ending soon: a partner's own, or everyone's (or one partner's) for vendor staff",
            description = "Deals by stage and review status, the oldest pending review, pending and overdue reviews, "
                    + "the median time to a decision over 90 days, deals whose protection ends soon, trials ending "
                    + "within 7 days, win rate and commission totals by currency.")
    Dashboard dashboard(@RequestParam(required = false) @Parameter(description = "Vendor staff only") String partnerId, Caller caller) {
        CompletableFuture<Dashboard> deals = queries.query(new FindDashboard(caller.viewer(), partnerId), Dashboard.class);
        CompletableFuture<TrialsEndingSoon> trials = queries.query(
                new FindTrialsEndingSoon(caller.viewer(), partnerId), TrialsEndingSoon.class);
        CompletableFuture<DealBoard> protectionEndingSoon = queries.query(new ListDeals(caller.viewer(), partnerId,
                Set.of(), Set.of(), null, new PageRequest(0, 1), true), DealBoard.class);
        return deals.join().with(trials.join(), protectionEndingSoon.join().totalItems());
    }
}
