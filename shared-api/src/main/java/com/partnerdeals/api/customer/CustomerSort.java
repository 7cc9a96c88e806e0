package com.partnerdeals.api.customer;

/** The order of the customer overview; ties are broken by company name, then customer id. */
public record CustomerSort(Field field, boolean ascending) {

    public enum Field { COMPANY_NAME, ACTIVITIES_LAST_90_DAYS, TRIAL_ENDS_AT, ATTENTION_COUNT }

    public static final CustomerSort DEFAULT = new CustomerSort(Field.COMPANY_NAME, true);
}
