package com.partnerdeals.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** {@code noteId} is chosen by the client (for safe retries) or generated; {@code author} is the user. */
public record AddDealNote(@TargetAggregateIdentifier String dealId,
                          String noteId,
                          String text,
                          String author,
                          String actingPartnerId,
                          @TargetAggregateVersion Long expectedVersion) {
}
