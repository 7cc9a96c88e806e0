package com.partnerdeals.query.deal;

import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.deal.DealBoard;
import com.partnerdeals.api.deal.DealView;
import com.partnerdeals.api.deal.FindDeal;
import com.partnerdeals.api.deal.ListDeals;
import com.partnerdeals.api.deal.ListReviewQueue;
import com.partnerdeals.api.deal.ReviewQueue;
import com.partnerdeals.platform.config.PortalProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Answers from the deal views: the board, a deal's detail, and the review queue (SPEC 12: pending deals oldest
 * first, each with its due time, flags and the other deals for its customer domain, so that a reviewer sees a
 * duplicate or a conflict without searching). Protection and review deadlines are judged at the time of asking.
 */
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

    @QueryHandler
    ReviewQueue handle(ListReviewQueue query) {
        if (!query.viewer().isVendorStaff()) {
            throw RuleViolation.forbidden("FORBIDDEN", "The review queue is for partner managers");
        }
        DealViewRepository.Page page = deals.pendingReviews(query.page());
        Map<String, List<DealState>> byDomain = deals.forDomains(page.deals().stream().map(DealState::domain).toList())
                .stream()
                .collect(Collectors.groupingBy(DealState::domain));
        Instant now = clock.instant();
        List<ReviewQueue.Item> items = page.deals().stream()
                .map(deal -> new ReviewQueue.Item(deal.dealId(), deal.partnerId(), deal.customer().companyName(),
                        deal.domain(), deal.estimatedUsers(), deal.registeredAt(), deal.reviewDueAt(terms),
                        deal.reviewOverdue(terms, now), deal.flags(),
                        byDomain.getOrDefault(deal.domain(), List.of()).stream()
                                .filter(other -> !other.dealId().equals(deal.dealId()))
                                .map(other -> related(other, now))
                                .toList()))
                .toList();
        return new ReviewQueue(items, query.page().page(), query.page().size(), page.totalItems());
    }

    private ReviewQueue.RelatedDeal related(DealState deal, Instant now) {
        Protection protection = Protection.of(deal.stage(), deal.reviewStatus(), deal.lastPartnerActionAt(), terms, now);
        return new ReviewQueue.RelatedDeal(deal.dealId(), deal.partnerId(), deal.customer().companyName(), deal.stage(),
                deal.reviewStatus(), deal.registeredAt(), protection.until(), protection.lapsed());
    }
}
