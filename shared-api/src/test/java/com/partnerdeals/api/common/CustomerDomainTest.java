package com.partnerdeals.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC 12: the customer domain is the registrable domain of the contact email, from the public suffix list. */
class CustomerDomainTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "anna@sales.acme.co.uk,      acme.co.uk",
            "anna@acme.co.uk,            acme.co.uk",
            "Anna.Virtanen@ACME.CO.UK,   acme.co.uk",
            "anna@mail.eu.acme.com,      acme.com",
            "anna@acme.com,              acme.com",
            "anna@bücher.de,             xn--bcher-kva.de",
            "anna@Verkauf.BÜCHER.de,     xn--bcher-kva.de",
            "anna@xn--bcher-kva.de,      xn--bcher-kva.de",
            "anna@a.b.github.io,         b.github.io",
            "anna@corp.internal,         corp.internal",
            "anna@sales.corp.internal,   sales.corp.internal",
            "anna@co.uk,                 co.uk",
            "anna@acme.com.,             acme.com",
            "\"a@b\"@sales.acme.fi,      acme.fi"})
    void isThePublicSuffixPlusOneLabelInLowerCaseAndPunycode(String email, String domain) {
        assertThat(CustomerDomain.ofEmail(email)).isEqualTo(domain);
    }

    @Test
    void aPrivateSuffixCountsLikeAPublicOne() {
        assertThat(CustomerDomain.of("a.b.github.io")).isEqualTo("b.github.io");
        assertThat(CustomerDomain.of("github.io")).isEqualTo("github.io");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna@192.168.0.1", "anna@acme.123", "anna@[10.0.0.1]", "anna@acme..com", "anna@-acme.com",
            "anna@acme .com", "anna@", "anna.acme.com",
            "anna@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com"})
    void anAddressWhoseDomainIsNoDomainNameIsRefused(String email) {
        assertThatIllegalArgumentException().isThrownBy(() -> CustomerDomain.ofEmail(email));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sales.acme.co.uk", "ACME.co.uk", "bücher.de", "a.b.github.io", "sales.corp.internal",
            "co.uk", "acme.123", "[10.0.0.1]", "Not A Domain"})
    void aStoredDomainIsReKeyedOnceAndThenStaysAsItIs(String stored) {
        String key = CustomerDomain.of(stored);
        assertThat(CustomerDomain.of(key)).isEqualTo(key);
        assertThat(key).isEqualTo(key.toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void aStoredDomainThatIsNoDomainNameKeepsItsOldKey() {
        assertThat(CustomerDomain.of("acme.123")).isEqualTo("acme.123");
        assertThat(CustomerDomain.of("[10.0.0.1]")).isEqualTo("[10.0.0.1]");
    }

    @Test
    void aStoredDomainAndAnEmailAtItGiveTheSameKey() {
        assertThat(CustomerDomain.of("sales.acme.co.uk")).isEqualTo(CustomerDomain.ofEmail("anna@acme.co.uk"));
        assertThat(CustomerDomain.of("bücher.de")).isEqualTo(CustomerDomain.ofEmail("anna@xn--bcher-kva.de"));
    }
}
