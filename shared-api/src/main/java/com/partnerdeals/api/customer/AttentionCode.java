package com.partnerdeals.api.customer;

/** Why a customer account needs the partner's attention now (SPEC section 6). */
public enum AttentionCode {
    /** In trial, ends within the configured days (7). */
    TRIAL_ENDING,
    /** The trial closed within the configured days (30) while its deal is still open. */
    TRIAL_ENDED_UNDECIDED,
    /** An extension request is open. */
    EXTENSION_REQUESTED,
    /** In trial or active, older than the configured days (7), no activity in the configured days (14). */
    INACTIVE,
    /** In trial for more than the configured days (3) with no main framework chosen. */
    NO_FRAMEWORK
}
