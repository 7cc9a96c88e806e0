package com.partnerdeals.api.partner;

import java.math.BigDecimal;
import java.util.Set;

/** {@code autoAccept}: the partner's deals without flags are accepted at registration (SPEC 12). */
public record PartnerRegistered(String partnerId, String name, Set<String> domains, BigDecimal commissionRate,
                                boolean autoAccept) {

    /** Also how events stored before auto-accept existed read: without it. */
    public PartnerRegistered(String partnerId, String name, Set<String> domains, BigDecimal commissionRate) {
        this(partnerId, name, domains, commissionRate, false);
    }
}
