package com.partnerdeals.api.common;

import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.Locale;
import java.util.Objects;

/**
 * The customer domain (SPEC 4.1 and 12): the registrable domain of the contact email, the public suffix plus one
 * label ({@code anna@sales.acme.co.uk} is {@code acme.co.uk}), in lower case, an IDN as punycode. The suffixes come
 * from the Public Suffix List that Guava carries, private ones included ({@code a.b.github.io} is
 * {@code b.github.io}). A domain under no listed suffix (an unknown TLD such as {@code corp.internal}) or one that
 * is itself a suffix stays whole: nothing says where its owner's part begins.
 *
 * <p>Every domain rule and lookup compares these keys, on both sides.
 */
public final class CustomerDomain {

    private CustomerDomain() {
    }

    /**
     * The customer domain of a new contact email.
     *
     * @throws IllegalArgumentException when the part after the last {@code @} is not a valid domain name (an IP
     *                                  address, a label too long, a TLD of digits)
     */
    public static String ofEmail(String email) {
        int at = email.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("Not an email address");
        }
        return registrable(email.substring(at + 1).trim());
    }

    /**
     * The customer domain of a domain already stored (an event's, a lookup table's), so that keys written before
     * this rule compare like new ones; a customer domain is its own. A name that is no valid domain, which an
     * earlier version accepted, stays as it was (lower-cased) rather than failing the event that carries it.
     */
    public static String of(String domain) {
        String trimmed = Objects.requireNonNull(domain, "domain").trim();
        try {
            return registrable(trimmed);
        } catch (IllegalArgumentException invalid) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
    }

    private static String registrable(String domain) {
        InternetDomainName name = InternetDomainName.from(IDN.toASCII(domain).toLowerCase(Locale.ROOT));
        return (name.isUnderPublicSuffix() ? name.topPrivateDomain() : name).toString();
    }
}
