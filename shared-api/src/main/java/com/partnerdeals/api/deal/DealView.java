package com.partnerdeals.api.deal;

import com.partnerdeals.api.common.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A deal in full (SPEC section 7).
 *
 * @param denial          why the deal was denied; null unless it was
 * @param decidedBy       who decided the review: a partner manager or the partner's auto-accept rule; null while pending
 * @param reviewDueAt     when the review is due: registration plus the review period (SPEC 12)
 * @param reviewOverdue   still pending, not withdrawn, at or past {@code reviewDueAt}
 * @param customerId      the trial account started from this deal, if any
 * @param closeWon        the terms the deal was won on; null unless it was
 * @param closeLostReason why the deal was lost; null unless it is closed as lost
 * @param protectedUntil  when the deal stops protecting its domain; null for a won deal, which protects for good
 * @param withdrawalReason why the deal was withdrawn; null unless it was
 * @param protectionLapsed whether the deal no longer protects its domain (always for a denied, lost or withdrawn deal)
 * @param protectionEndsSoon it still protects, but {@code protectedUntil} is within the reminder period (SPEC 12)
 * @param flags           notes for the reviewer; vendor staff only (null for partners)
 * @param personalDataErased the contact was erased (SPEC 11): name, email and registration note are null
 * @param version         the deal's version: the sequence number of its latest event
 */
public record DealView(String dealId,
                       String partnerId,
                       Customer customer,
                       Integer estimatedUsers,
                       String note,
                       DealStage stage,
                       ReviewStatus reviewStatus,
                       Denial denial,
                       ReviewDecider decidedBy,
                       Instant reviewDueAt,
                       boolean reviewOverdue,
                       List<Note> notes,
                       String customerId,
                       CloseWon closeWon,
                       String closeLostReason,
                       String withdrawalReason,
                       Instant registeredAt,
                       Instant lastPartnerActionAt,
                       Instant protectedUntil,
                       boolean protectionLapsed,
                       boolean protectionEndsSoon,
                       Set<DealFlag> flags,
                       boolean personalDataErased,
                       long version) {

    /** {@code domain} is the customer domain, the registrable domain of the contact email: it identifies the customer. */
    @Schema(name = "DealCustomer")
    public record Customer(String companyName, String contactName, String contactEmail, String country,
                           String domain) {
    }

    @Schema(name = "DealDenial")
    public record Denial(DenialReason reason, String comment) {
    }

    /** {@code redacted}: the text was erased (SPEC 11) and is null; author and time stay. */
    @Schema(name = "DealNote")
    public record Note(String noteId, String author, String text, Instant addedAt, boolean redacted) {

        /** A note's text is required, so a missing one was redacted. */
        public Note(String noteId, String author, String text, Instant addedAt) {
            this(noteId, author, text, addedAt, text == null);
        }
    }

    /** {@code commissionRate} is the partner's rate in force when the deal was closed. */
    @Schema(name = "DealCloseWon")
    public record CloseWon(BillingOption billingOption, Money annualValue, BigDecimal commissionRate,
                           Money commissionAmount, Settlement settlement) {
    }
}
