package com.partnerdeals.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record SubmitNewsletterSubscription(@TargetAggregateIdentifier String dealId,
                                           String actingPartnerId,
                                           @TargetAggregateVersion Long expectedVersion) {
}
