package com.partnerdeals.api.deal;

import com.partnerdeals.api.common.Money;

/**
 * How the commission of a won deal is settled. Exactly one amount is set: the vendor pays the
 * commission out ({@code payoutToPartner}), or invoices the partner the value minus commission
 * ({@code invoiceToPartner}).
 */
public record Settlement(Type type, Money payoutToPartner, Money invoiceToPartner) {

    public enum Type { PAYOUT_TO_PARTNER, INVOICE_TO_PARTNER }

    public static Settlement of(BillingOption billing, Money annualValue, Money commission) {
        return billing.vendorBillsCustomer()
                ? new Settlement(Type.PAYOUT_TO_PARTNER, commission, null)
                : new Settlement(Type.INVOICE_TO_PARTNER, null, annualValue.minus(commission));
    }
}
