package com.partnerdeals.api.personal;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records an erasure request for a customer contact (SPEC 11) and erases the contact's key.
 *
 * @param contactHash      the keyed hash of the lower-cased email: recognises the contact without holding it
 * @param dealIds          the deals that held the contact's data when the request came
 * @param customerAccountIds the customer accounts linked to those deals
 */
public record EraseContact(@TargetAggregateIdentifier String erasureId,
                           String contactHash,
                           String reason,
                           List<String> dealIds,
                           List<String> customerAccountIds) {
}
