package com.partnerdeals.api.deal;

/** Who decided a review: a partner manager, or the partner's auto-accept rule (SPEC 12). */
public enum ReviewDecider { PARTNER_MANAGER, AUTO_ACCEPT }
