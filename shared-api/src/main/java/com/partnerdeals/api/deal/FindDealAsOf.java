package com.partnerdeals.api.deal;

import com.partnerdeals.api.common.Viewer;
import java.time.Instant;

/** One deal as it stood at {@code asOf}, rebuilt from its events: a {@link DealView}. */
public record FindDealAsOf(String dealId, Viewer viewer, Instant asOf) {
}
