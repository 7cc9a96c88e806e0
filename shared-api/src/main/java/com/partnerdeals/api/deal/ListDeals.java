package com.partnerdeals.api.deal;

import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.common.Viewer;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The deal board: a page of deals, newest registration first, as a {@link DealBoard}. Empty filter sets
 * and a null {@code text} match everything.
 *
 * @param partnerId only this partner's deals; honoured for vendor staff, a partner always sees its own
 * @param text      case-insensitive part of the company name or the customer's domain
 * @param protectionEndsSoon only deals whose protection ends within the reminder period (SPEC 12)
 */
public record ListDeals(Viewer viewer,
                        String partnerId,
                        Set<DealStage> stages,
                        Set<ReviewStatus> reviewStatuses,
                        String text,
                        PageRequest page,
                        boolean protectionEndsSoon) {

    public ListDeals(Viewer viewer, String partnerId, Set<DealStage> stages, Set<ReviewStatus> reviewStatuses,
                     String text, PageRequest page) {
        this(viewer, partnerId, stages, reviewStatuses, text, page, false);
    }

    /** An empty filter value ({@code ?stage=}) arrives as null and is ignored (SPEC 9). */
    public ListDeals {
        stages = withoutNulls(stages);
        reviewStatuses = withoutNulls(reviewStatuses);
    }

    private static <T> Set<T> withoutNulls(Set<T> values) {
        return values == null ? Set.of() : values.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }
}
