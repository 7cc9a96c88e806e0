package com.partnerdeals.platform.security;

import com.partnerdeals.api.common.Viewer;
import java.util.Set;

/**
 * The authenticated user of a request, taken from the bearer token. Controllers receive it as a method
 * parameter.
 *
 * @param partnerId the partner a {@code PARTNER} acts for; null for vendor staff and the product
 */
public record Caller(String subject, Set<Role> roles, String partnerId) {

    public boolean isManager() {
        return roles.contains(Role.PARTNER_MANAGER);
    }

    /**
     * The partner whose data this caller is confined to, or null when it may act on every partner's
     * (vendor staff). A user holding both roles acts with the manager's reach.
     */
    public String actingPartnerId() {
        return isManager() ? null : partnerId;
    }

    public Viewer viewer() {
        return new Viewer(actingPartnerId());
    }
}
