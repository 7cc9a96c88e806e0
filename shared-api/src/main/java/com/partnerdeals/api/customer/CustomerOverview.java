package com.partnerdeals.api.customer;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of the customer overview. {@code totalItems} counts the accounts matching the filters;
 * {@code counts} are over the caller's whole visible set (all of a partner's accounts, or for vendor staff
 * all accounts or the chosen partner's), whatever the filters, for the filter tabs.
 */
public record CustomerOverview(List<CustomerView> items, int page, int size, long totalItems, Counts counts) {

    @Schema(name = "CustomerTabCounts")
    public record Counts(long all, long trial, long active, long closed, long needsAttention) {
    }
}
