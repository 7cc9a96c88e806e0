package com.partnerdeals.api.deal;

/**
 * The deal was accepted: by a partner manager, or by rule at registration for a partner set to auto-accept
 * (SPEC 12). Events stored before the rule existed carry no {@code decidedBy}: a manager decided them.
 */
public record DealAccepted(String dealId, ReviewDecider decidedBy) implements DealEvent {

    public DealAccepted {
        decidedBy = decidedBy != null ? decidedBy : ReviewDecider.PARTNER_MANAGER;
    }

    /** A partner manager's decision. */
    public DealAccepted(String dealId) {
        this(dealId, ReviewDecider.PARTNER_MANAGER);
    }
}
