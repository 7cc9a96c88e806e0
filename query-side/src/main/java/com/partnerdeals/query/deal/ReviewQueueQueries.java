package com.partnerdeals.query.deal;

import com.partnerdeals.api.common.RuleViolation;
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
 * The review queue from the deal views (SPEC 12): pending deals oldest first, each with its due time, flags and the
 * other deals for its customer domain, so that a reviewer sees a duplicate or a conflict without searching.
 */
@Component
class ReviewQueueQueries {

    private final DealViewRepository deals;
    private final Clock clock;
    private final DealTerms terms;

    ReviewQueueQueries(DealViewRepository deals, Clock clock, PortalProperties properties) {
        this.deals = deals;
        this.clock = clock;
        this.terms = DealTerms.of(properties);
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
