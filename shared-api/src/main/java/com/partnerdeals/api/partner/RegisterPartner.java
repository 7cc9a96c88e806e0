package com.partnerdeals.api.partner;

import java.math.BigDecimal;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterPartner(@TargetAggregateIdentifier String partnerId,
                              String name,
                              Set<String> domains,
                              BigDecimal commissionRate,
                              boolean autoAccept) {

    /** A partner whose deals wait for a manager's review. */
    public RegisterPartner(String partnerId, String name, Set<String> domains, BigDecimal commissionRate) {
        this(partnerId, name, domains, commissionRate, false);
    }

    /** What a partner id looks like (SPEC 3): lower-case letters, digits and hyphens, 2 to 64 characters. */
    public static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{1,63}";
    /** A partner's own email domains: at most this many (each at most 253 characters, as DNS allows). */
    public static final int MAX_DOMAINS = 50;
    /** Commission rates have at most this many decimal places (SPEC 3: 0.1235 is 12.35 %). */
    public static final int RATE_DECIMALS = 4;
}
