package com.partnerdeals.api.partner;

import java.math.BigDecimal;
import java.util.Set;

public record PartnerRegistered(String partnerId, String name, Set<String> domains, BigDecimal commissionRate) {
}
