package com.partnerdeals.api.deal;

import static com.partnerdeals.api.personal.PersonalData.Subject.CONTACT;

import com.partnerdeals.api.personal.PersonalData;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * {@code domain} is the lower-cased domain of the contact email: it identifies the customer.
 * Revision 2 added {@code flags} (see DealRegisteredFlagsUpcaster).
 */
@Revision("2")
public record DealRegistered(String dealId,
                             String partnerId,
                             CustomerDetails customer,
                             String domain,
                             Integer estimatedUsers,
                             @PersonalData(subject = CONTACT, keyedBy = "customer.contactEmail", optional = true)
                             String note,
                             Set<DealFlag> flags) implements PartnerAction {
}
