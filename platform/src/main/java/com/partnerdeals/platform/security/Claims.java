package com.partnerdeals.platform.security;

/** The token claims this service reads (besides the standard {@code sub}, {@code exp}). */
final class Claims {
    static final String ROLES = "roles";
    static final String PARTNER_ID = "partner_id";

    private Claims() {
    }
}
