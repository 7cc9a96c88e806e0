package com.partnerdeals.api.deal;

import static com.partnerdeals.api.personal.PersonalData.Subject.CONTACT;

import com.partnerdeals.api.personal.PersonalData;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * {@code domain} is the customer domain, the registrable domain of the contact email
 * ({@link com.partnerdeals.api.common.CustomerDomain}): it identifies the customer. An event stored before that rule
 * (SPEC 12) names the full domain; handlers read it through {@code CustomerDomain.of}, which gives the same key.
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
