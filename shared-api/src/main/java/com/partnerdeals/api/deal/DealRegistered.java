package com.partnerdeals.api.deal;

import java.util.Set;

/** {@code domain} is the lower-cased domain of the contact email: it identifies the customer. */
public record DealRegistered(String dealId,
                             String partnerId,
                             CustomerDetails customer,
                             String domain,
                             Integer estimatedUsers,
                             String note,
                             Set<DealFlag> flags) {
}
