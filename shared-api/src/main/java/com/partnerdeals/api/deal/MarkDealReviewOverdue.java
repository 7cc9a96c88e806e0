package com.partnerdeals.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the review-deadline schedule; the deal records the overdue review only if it is due and still pending. */
public record MarkDealReviewOverdue(@TargetAggregateIdentifier String dealId) {
}
