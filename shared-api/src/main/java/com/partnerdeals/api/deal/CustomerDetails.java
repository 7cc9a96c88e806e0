package com.partnerdeals.api.deal;

import static com.partnerdeals.api.personal.PersonalData.Subject.CONTACT;

import com.partnerdeals.api.personal.PersonalData;

/**
 * The customer a deal is registered for, as the partner entered it. {@code country} may be null. The contact's
 * name and email are personal data (SPEC 11); the company is a business record.
 */
public record CustomerDetails(String companyName,
                              @PersonalData(subject = CONTACT, keyedBy = "contactEmail") String contactName,
                              @PersonalData(subject = CONTACT, keyedBy = "contactEmail") String contactEmail,
                              String country) {
}
