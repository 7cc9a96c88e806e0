package com.partnerdeals.api.deal;

import com.partnerdeals.api.common.Viewer;

/** One deal as it stands now: a {@link DealView}. Another partner's deal is not found. */
public record FindDeal(String dealId, Viewer viewer) {
}
