package com.partnerdeals.api.deal;

import com.partnerdeals.api.common.Viewer;

/** Every event of one deal, from the event store: a {@link DealHistory}. */
public record FindDealHistory(String dealId, Viewer viewer) {
}
