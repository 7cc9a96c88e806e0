package com.partnerdeals.command.deal;

import com.partnerdeals.api.common.CustomerDomain;
import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.deal.DealFlag;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.RegisterDeal;
import com.partnerdeals.command.customer.CustomerAccountDirectory;
import com.partnerdeals.command.partner.PartnerDirectory;
import com.partnerdeals.platform.config.PortalProperties;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The registration rules that look beyond one deal (SPEC 4.1): who may register, whether the contact
 * email identifies a customer, duplicates, and the flags for the reviewer. Every one of them compares
 * customer domains, the registrable domains of SPEC 12 ({@link CustomerDomain}).
 */
@Component
public class DealRegistrationRules {

    private final PartnerDirectory partners;
    private final DealDomainClaims claims;
    private final CustomerAccountDirectory customerAccounts;
    /**
     * The configured consumer mail domains as customer domains: an entry stands for its whole registrable domain,
     * the key that every address under it would get ({@code mail.yahoo.co.uk} means {@code yahoo.co.uk}).
     */
    private final Set<String> freeEmailDomains;

    public DealRegistrationRules(PartnerDirectory partners, DealDomainClaims claims,
                                 CustomerAccountDirectory customerAccounts, PortalProperties properties) {
        this.partners = partners;
        this.claims = claims;
        this.customerAccounts = customerAccounts;
        this.freeEmailDomains = properties.deal().freeEmailDomains().stream().map(CustomerDomain::of)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * An acceptable registration: its event, and whether the partner's auto-accept rule decides it at once (SPEC 12:
     * the partner is set to it and the deal has no flag for a reviewer).
     */
    public record Registration(DealRegistered registered, boolean acceptedByRule) {
    }

    /** The registration of an acceptable command, or the rule it breaks. */
    public Registration evaluate(RegisterDeal command) {
        String domain = domainOf(command.customer().contactEmail());
        PartnerDirectory.Entry partner = partners.find(command.partnerId())
                .filter(PartnerDirectory.Entry::active)
                .orElseThrow(() -> RuleViolation.forbidden("PARTNER_NOT_REGISTERED",
                        "Partner " + command.partnerId() + " is not a registered, active partner"));
        if (partner.domains().stream().map(CustomerDomain::of).anyMatch(domain::equals)) {
            throw RuleViolation.invalid("CONTACT_IS_PARTNER",
                    "The contact email is one of your own addresses; register the customer's contact instead");
        }
        if (freeEmailDomains.contains(domain)) {
            throw RuleViolation.invalid("FREE_EMAIL_DOMAIN",
                    "A " + domain + " address cannot identify a customer; use the contact's company email");
        }
        claims.protectingDealOf(command.partnerId(), domain).ifPresent(existing -> {
            throw DealDomainClaims.duplicate(existing);
        });
        Set<DealFlag> flags = flagsFor(command.partnerId(), domain);
        return new Registration(new DealRegistered(command.dealId(), command.partnerId(), command.customer(), domain,
                command.estimatedUsers(), command.note(), flags), partner.autoAccept() && flags.isEmpty());
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

    /**
     * The customer is recognised by the registrable domain of the contact's email address. An address the edge
     * let through whose domain is no domain name (an IP address, a TLD of digits) cannot identify one.
     */
    static String domainOf(String email) {
        try {
            return CustomerDomain.ofEmail(email);
        } catch (IllegalArgumentException notADomain) {
            throw RuleViolation.invalidField("customer.contactEmail", "must be an email address at a valid domain name");
        }
    }
}
