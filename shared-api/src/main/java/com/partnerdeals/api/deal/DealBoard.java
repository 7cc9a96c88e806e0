package com.partnerdeals.api.deal;

import java.util.List;

/** One page of the deal board; {@code totalItems} counts every deal that matches the filters. */
public record DealBoard(List<DealCard> items, int page, int size, long totalItems) {
}
