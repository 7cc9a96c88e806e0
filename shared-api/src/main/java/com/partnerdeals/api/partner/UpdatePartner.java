package com.partnerdeals.api.partner;

import java.math.BigDecimal;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Changes a partner. A null field keeps its current value. */
public record UpdatePartner(@TargetAggregateIdentifier String partnerId,
                            String name,
                            Set<String> domains,
                            BigDecimal commissionRate,
                            Boolean active,
                            Boolean autoAccept,
                            @TargetAggregateVersion Long expectedVersion) {
}
