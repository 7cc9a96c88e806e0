package com.partnerdeals.api.personal;

/** Everything held about a customer contact, by email (SPEC 11, the right of access), as a {@link PersonalDataReport}. */
public record FindPersonalData(String email) {
}
