package com.partnerdeals.api.partner;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public record PartnerView(String partnerId, String name, List<String> domains, BigDecimal commissionRate,
                          boolean active, boolean autoAccept, Instant registeredAt, long version) {
}
