package com.partnerdeals.query.deal;

import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.deal.DealBoard;
import com.partnerdeals.api.deal.DealView;
import com.partnerdeals.api.deal.FindDeal;
import com.partnerdeals.api.deal.ListDeals;
import com.partnerdeals.platform.config.PortalProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers from the deal views: the board and a deal's detail. Protection is judged at the time of asking. */
@Component
class DealQueries {

    private final DealViewRepository deals;
    private final Clock clock;
    private final Duration protectionPeriod;

    DealQueries(DealViewRepository deals, Clock clock, PortalProperties properties) {
        this.deals = deals;
        this.clock = clock;
        this.protectionPeriod = properties.deal().protection();
    }

    @QueryHandler
    DealView handle(FindDeal query) {
        Viewer viewer = query.viewer();
        return deals.find(query.dealId())
                .filter(deal -> viewer.maySee(deal.partnerId()))
                .orElseThrow(() -> RuleViolation.notFound("No deal " + query.dealId()))
                .view(viewer, protectionPeriod, clock.instant());
    }

    @QueryHandler
    DealBoard handle(ListDeals query) {
        Viewer viewer = query.viewer();
        String partnerId = viewer.isVendorStaff() ? query.partnerId() : viewer.partnerId();
        DealViewRepository.Page page = deals.board(partnerId, query.stages(), query.reviewStatuses(), query.text(),
                query.page());
        Instant now = clock.instant();
        return new DealBoard(page.deals().stream().map(deal -> deal.card(viewer, protectionPeriod, now)).toList(),
                query.page().page(), query.page().size(), page.totalItems());
    }
}
