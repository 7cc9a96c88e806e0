package com.partnerdeals.api.deal;

import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.common.Viewer;
import java.util.Set;

/**
 * The deal board: a page of deals, newest registration first, as a {@link DealBoard}. Empty filter sets
 * and a null {@code text} match everything.
 *
 * @param partnerId only this partner's deals; honoured for vendor staff, a partner always sees its own
 * @param text      case-insensitive part of the company name or the customer's domain
 */
public record ListDeals(Viewer viewer,
                        String partnerId,
                        Set<DealStage> stages,
                        Set<ReviewStatus> reviewStatuses,
                        String text,
                        PageRequest page) {

    public ListDeals {
        stages = stages != null ? Set.copyOf(stages) : Set.of();
        reviewStatuses = reviewStatuses != null ? Set.copyOf(reviewStatuses) : Set.of();
    }
}
