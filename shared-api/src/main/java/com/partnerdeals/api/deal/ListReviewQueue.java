package com.partnerdeals.api.deal;

import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.common.Viewer;

/** The review queue (SPEC 12), for vendor staff: pending deals, oldest registration first, as a {@link ReviewQueue}. */
public record ListReviewQueue(Viewer viewer, PageRequest page) {
}
