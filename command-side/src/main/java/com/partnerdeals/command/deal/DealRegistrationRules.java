package com.partnerdeals.command.deal;

import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.deal.DealFlag;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.RegisterDeal;
import com.partnerdeals.command.customer.CustomerAccountDirectory;
import com.partnerdeals.command.partner.PartnerDirectory;
import com.partnerdeals.platform.config.PortalProperties;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The registration rules that look beyond one deal (SPEC 4.1): who may register, whether the contact
 * email identifies a customer, duplicates, and the flags for the reviewer.
 */
@Component
public class DealRegistrationRules {

    private final PartnerDirectory partners;
    private final DealDomainClaims claims;
    private final CustomerAccountDirectory customerAccounts;
    private final PortalProperties properties;

    public DealRegistrationRules(PartnerDirectory partners, DealDomainClaims claims,
                                 CustomerAccountDirectory customerAccounts, PortalProperties properties) {
        this.partners = partners;
        this.claims = claims;
        this.customerAccounts = customerAccounts;
        this.properties = properties;
    }

    /** The registration event for an acceptable command, or the rule it breaks. */
    public DealRegistered evaluate(RegisterDeal command) {
        PartnerDirectory.Entry partner = partners.find(command.partnerId())
                .filter(PartnerDirectory.Entry::active)
                .orElseThrow(() -> RuleViolation.forbidden("PARTNER_NOT_REGISTERED",
                        "Partner " + command.partnerId() + " is not a registered, active partner"));
        String domain = domainOf(command.customer().contactEmail());
        if (partner.domains().contains(domain)) {
            throw RuleViolation.invalid("CONTACT_IS_PARTNER",
                    "The contact email is one of your own addresses; register the customer's contact instead");
        }
        if (properties.deal().freeEmailDomains().contains(domain)) {
            throw RuleViolation.invalid("FREE_EMAIL_DOMAIN",
                    "A " + domain + " address cannot identify a customer; use the contact's company email");
        }
        claims.protectingDealOf(command.partnerId(), domain).ifPresent(existing -> {
            throw DealDomainClaims.duplicate(existing);
        });
        return new DealRegistered(command.dealId(), command.partnerId(), command.customer(), domain,
                command.estimatedUsers(), command.note(), flagsFor(command.partnerId(), domain));
    }

    /** Auto-accept (SPEC 12): the partner is set to it and the deal has nothing for a reviewer to look at. */
    public boolean acceptsAtRegistration(DealRegistered registered) {
        return registered.flags().isEmpty()
                && partners.find(registered.partnerId()).map(PartnerDirectory.Entry::autoAccept).orElse(false);
    }

    private Set<DealFlag> flagsFor(String partnerId, String domain) {
        Set<DealFlag> flags = EnumSet.noneOf(DealFlag.class);
        if (claims.protectedByAnotherPartner(partnerId, domain)) {
            flags.add(DealFlag.DOMAIN_CONFLICT);
        }
        if (customerAccounts.hasActiveSubscription(domain)) {
            flags.add(DealFlag.EXISTING_CUSTOMER);
        }
        return flags;
    }

    /** The customer is recognised by the lower-cased domain of the contact's email address. */
    static String domainOf(String email) {
        return email.substring(email.lastIndexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
    }
}
