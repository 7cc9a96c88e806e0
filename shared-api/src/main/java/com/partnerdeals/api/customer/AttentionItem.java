package com.partnerdeals.api.customer;

/** One reason to look at an account now, with a sentence for the partner. */
public record AttentionItem(AttentionCode code, String detail) {
}
