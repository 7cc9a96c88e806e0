package com.partnerdeals.api.deal;

import static com.partnerdeals.api.personal.PersonalData.Subject.CONTACT;

import com.partnerdeals.api.personal.PersonalData;

/** The customer's contact agreed to receive the vendor's newsletter. */
public record NewsletterSubscriptionSubmitted(String dealId,
                                              @PersonalData(subject = CONTACT, keyedBy = "email") String email)
        implements PartnerAction {
}
