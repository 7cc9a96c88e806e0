package com.partnerdeals.query.dashboard;

import com.partnerdeals.api.customer.FindTrialsEndingSoon;
import com.partnerdeals.api.customer.TrialsEndingSoon;
import com.partnerdeals.api.dashboard.Dashboard;
import com.partnerdeals.api.dashboard.FindDashboard;
import com.partnerdeals.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
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
            description = "Deals by stage and review status, the oldest pending review, trials ending within 7 days, win rate and commission totals by currency.")
    Dashboard dashboard(@RequestParam(required = false) @Parameter(description = "Vendor staff only") String partnerId, Caller caller) {
        CompletableFuture<Dashboard> deals = queries.query(new FindDashboard(caller.viewer(), partnerId), Dashboard.class);
        CompletableFuture<TrialsEndingSoon> trials = queries.query(
                new FindTrialsEndingSoon(caller.viewer(), partnerId), TrialsEndingSoon.class);
        return deals.join().withTrialsEndingSoon(trials.join());
    }
}
