package com.partnerdeals.platform.security;

/** The roles a bearer token may carry in its {@code roles} claim. */
public enum Role {
    /** Acts for exactly one partner organisation (the token's {@code partner_id}). */
    PARTNER,
    /** Vendor staff: manage partners, review deals, grant extensions, see everything, run replays. */
    PARTNER_MANAGER,
    /** The vendor's product: reports customer usage and subscriptions. */
    SYSTEM
}
