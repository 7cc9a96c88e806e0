package com.partnerdeals.api.deal;

/** Notes for the reviewer, set at registration; shown to partner managers only. */
public enum DealFlag {
    /** Another partner has an open, protected (or won) deal for the same customer domain. */
    DOMAIN_CONFLICT,
    /** A customer account with this domain already has an active subscription. */
    EXISTING_CUSTOMER
}
