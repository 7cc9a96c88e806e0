package com.partnerdeals.api.customer;

/**
 * Where a customer account stands: in its trial, subscribed, or closed (had a trial and did not subscribe
 * before it ended).
 */
public enum CustomerStatus {
    TRIAL, ACTIVE, CLOSED
}
