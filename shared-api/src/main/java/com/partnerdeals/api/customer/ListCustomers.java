package com.partnerdeals.api.customer;

import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.common.Viewer;
import java.util.Set;

/**
 * A page of the customer overview as a {@link CustomerOverview}. An empty {@code statuses} and a null
 * {@code text} match everything.
 *
 * @param partnerId      only this partner's accounts; honoured for vendor staff, a partner always sees its own
 * @param needsAttention only accounts with at least one attention item
 * @param text           case-insensitive part of the company name or the domain
 */
public record ListCustomers(Viewer viewer,
                            String partnerId,
                            Set<CustomerStatus> statuses,
                            boolean needsAttention,
                            String text,
                            CustomerSort sort,
                            PageRequest page) {

    public ListCustomers {
        statuses = statuses != null ? Set.copyOf(statuses) : Set.of();
        sort = sort != null ? sort : CustomerSort.DEFAULT;
    }
}
