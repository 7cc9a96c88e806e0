package com.partnerdeals.api.deal;

import java.time.Instant;
import java.util.Set;

/**
 * A deal as the board shows it: enough to recognise and sort it; the detail is a {@link DealView}.
 * {@code flags} are for vendor staff only (null for partners).
 */
public record DealCard(String dealId,
                       String partnerId,
                       String companyName,
                       String domain,
                       DealStage stage,
                       ReviewStatus reviewStatus,
                       Instant reviewDueAt,
                       boolean reviewOverdue,
                       String customerId,
                       Instant registeredAt,
                       Instant lastPartnerActionAt,
                       Instant protectedUntil,
                       boolean protectionLapsed,
                       boolean protectionEndsSoon,
                       Set<DealFlag> flags,
                       long version) {
}
