package com.partnerdeals.api.deal;

/** The customer a deal is registered for, as the partner entered it. {@code country} may be null. */
public record CustomerDetails(String companyName, String contactName, String contactEmail, String country) {
}
