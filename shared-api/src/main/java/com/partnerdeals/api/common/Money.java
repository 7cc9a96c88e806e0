package com.partnerdeals.api.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** An amount of money in an ISO 4217 currency, kept at cent precision. */
public record Money(BigDecimal amount, String currency) {

    public Money {
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** This amount times {@code rate}, rounded half-even to cents (the commission rule). */
    public Money times(BigDecimal rate) {
        return new Money(amount.multiply(rate).setScale(2, RoundingMode.HALF_EVEN), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount), currency);
    }
}
