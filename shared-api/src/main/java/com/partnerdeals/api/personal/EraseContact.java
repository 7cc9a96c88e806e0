package com.partnerdeals.api.personal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Erases a customer contact (SPEC 11): shreds the contact's key, then records the erasure with the deals and customer
 * accounts that held the contact, each in the same transaction.
 *
 * @param contactHash the keyed hash of the lower-cased email: recognises the contact without holding it
 */
public record EraseContact(@TargetAggregateIdentifier String erasureId,
                           String contactHash,
                           String reason) {
}
