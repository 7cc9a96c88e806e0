package com.partnerdeals.api.deal;

/** How a won customer is billed; decides how the partner's commission is settled. */
public enum BillingOption {
    CREDIT_CARD, INVOICE, PARTNER_BILLING;

    /** The vendor bills the customer unless the partner does. */
    public boolean vendorBillsCustomer() {
        return this != PARTNER_BILLING;
    }
}
