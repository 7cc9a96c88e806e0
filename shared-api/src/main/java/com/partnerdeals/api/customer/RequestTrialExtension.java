package com.partnerdeals.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The owning partner asks the vendor for a longer trial. {@code note} may be null. */
public record RequestTrialExtension(@TargetAggregateIdentifier String customerId,
                                    String note,
                                    String actingPartnerId,
                                    @TargetAggregateVersion Long expectedVersion) {
}
