package com.partnerdeals.query.deal;

import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.deal.DealBoard;
import com.partnerdeals.api.deal.DealView;
import com.partnerdeals.api.deal.FindDeal;
import com.partnerdeals.api.deal.ListDeals;
import com.partnerdeals.platform.config.PortalProperties;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers from the deal views: the board and a deal's detail. Protection is judged at the time of asking. */
@Component
class DealQueries {

    private final DealViewRepository deals;
    private final Clock clock;
    private final DealTerms terms;

    DealQueries(DealViewRepository deals, Clock clock, PortalProperties properties) {
        this.deals = deals;
        this.clock = clock;
        this.terms = DealTerms.of(properties);
    }

    @QueryHandler
    DealView handle(FindDeal query) {
        Viewer viewer = query.viewer();
        return deals.find(query.dealId())
                .filter(deal -> viewer.maySee(deal.partnerId()))
                .orElseThrow(() -> RuleViolation.notFound("No deal " + query.dealId()))
                .view(viewer, terms, clock.instant());
    }

    /**
     * The last partner actions whose protection ends within the reminder period from {@code now}: after
     * {@code now - protection}, at or before {@code now - protection + reminder}.
     */
    private DealViewRepository.LastPartnerActions protectionEndingBetween(Instant now) {
        Instant lapsedBy = now.minus(terms.protection());
        return new DealViewRepository.LastPartnerActions(lapsedBy, lapsedBy.plus(terms.protectionReminder()));
    }

    @QueryHandler
    DealBoard handle(ListDeals query) {
        Viewer viewer = query.viewer();
        String partnerId = viewer.isVendorStaff() ? query.partnerId() : viewer.partnerId();
        Instant now = clock.instant();
        DealViewRepository.Page page = deals.board(partnerId, query.stages(), query.reviewStatuses(), query.text(),
                query.protectionEndsSoon() ? protectionEndingBetween(now) : null, query.page());
        return new DealBoard(page.deals().stream().map(deal -> deal.card(viewer, terms, now)).toList(),
                query.page().page(), query.page().size(), page.totalItems());
    }
}
