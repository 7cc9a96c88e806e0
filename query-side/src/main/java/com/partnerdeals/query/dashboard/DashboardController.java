package com.partnerdeals.query.dashboard;

import com.partnerdeals.api.customer.FindTrialsEndingSoon;
import com.partnerdeals.api.customer.TrialsEndingSoon;
import com.partnerdeals.api.dashboard.Dashboard;
import com.partnerdeals.api.dashboard.FindDashboard;
import com.partnerdeals.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DashboardController {

    private final QueryGateway queries;

    DashboardController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/dashboard")
    @PreAuthorize("hasAnyRole('PARTNER', 'PARTNER_MANAGER')")
    @Operation(summary = "Deal figures and trials ending soon: a partner's own, or everyone's (or one partner's) for vendor staff")
    Dashboard dashboard(@RequestParam(required = false) String partnerId, Caller caller) {
        CompletableFuture<Dashboard> deals = queries.query(new FindDashboard(caller.viewer(), partnerId), Dashboard.class);
        CompletableFuture<TrialsEndingSoon> trials = queries.query(
                new FindTrialsEndingSoon(caller.viewer(), partnerId), TrialsEndingSoon.class);
        return deals.join().withTrialsEndingSoon(trials.join());
    }
}
