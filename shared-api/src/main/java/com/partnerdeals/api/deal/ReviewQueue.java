package com.partnerdeals.api.deal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One page of the review queue (SPEC 12): the deals waiting for a decision, oldest first; {@code totalItems} counts
 * them all. A withdrawn deal waits for nothing and is not listed.
 */
public record ReviewQueue(List<Item> items, int page, int size, long totalItems) {

    /**
     * A pending deal with what the reviewer needs beside it.
     *
     * @param sameDomain every other deal, of any partner, for the same customer domain, oldest first
     */
    @Schema(name = "ReviewQueueItem")
    public record Item(String dealId,
                       String partnerId,
                       String companyName,
                       String domain,
                       Integer estimatedUsers,
                       Instant registeredAt,
                       Instant reviewDueAt,
                       boolean reviewOverdue,
                       Set<DealFlag> flags,
                       List<RelatedDeal> sameDomain) {
    }

    /** Another deal for the same customer domain, as the reviewer compares it. */
    @Schema(name = "ReviewQueueRelatedDeal")
    public record RelatedDeal(String dealId, String partnerId, String companyName, DealStage stage,
                              ReviewStatus reviewStatus, Instant registeredAt, Instant protectedUntil,
                              boolean protectionLapsed) {
    }
}
