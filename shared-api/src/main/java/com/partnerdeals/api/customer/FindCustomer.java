package com.partnerdeals.api.customer;

import com.partnerdeals.api.common.Viewer;

/** One row of the customer overview as a {@link CustomerView}; another partner's account is not found. */
public record FindCustomer(String customerId, Viewer viewer) {
}
