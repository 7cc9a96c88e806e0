package com.partnerdeals.api.partner;

import java.math.BigDecimal;
import java.util.Set;

/** The partner's complete state after the change. */
public record PartnerUpdated(String partnerId, String name, Set<String> domains, BigDecimal commissionRate,
                             boolean active, boolean autoAccept) {

    public PartnerUpdated(String partnerId, String name, Set<String> domains, BigDecimal commissionRate,
                          boolean active) {
        this(partnerId, name, domains, commissionRate, active, false);
    }
}
