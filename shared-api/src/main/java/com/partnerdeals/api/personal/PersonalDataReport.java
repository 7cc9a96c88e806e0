package com.partnerdeals.api.personal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * What the service holds about a customer contact (SPEC 11): every deal registered with the contact's email, with
 * the contact's details and the deal's notes as they stand, and the customer accounts started from those deals.
 * A deal's full audit trail is its history.
 */
public record PersonalDataReport(String email, List<Deal> deals, List<CustomerAccount> customerAccounts) {

    @Schema(name = "PersonalDataDeal")
    public record Deal(String dealId, String partnerId, String companyName, String contactName, String contactEmail,
                       String country, String registrationNote, String stage, Instant registeredAt, List<Note> notes) {
    }

    @Schema(name = "PersonalDataNote")
    public record Note(String noteId, String author, String text, Instant addedAt) {
    }

    @Schema(name = "PersonalDataCustomerAccount")
    public record CustomerAccount(String customerId, String dealId, String companyName, String status) {
    }
}
