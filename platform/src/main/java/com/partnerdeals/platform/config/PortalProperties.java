package com.partnerdeals.platform.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Every product setting, under {@code portal.*}. Defaults are the spec's. */
@ConfigurationProperties("portal")
public record PortalProperties(Trial trial, Deal deal, Overview overview, Attention attention, DevTokens devTokens,
                               Security security) {

    public PortalProperties {
        trial = trial != null ? trial : new Trial(null, null, null, null);
        deal = deal != null ? deal : new Deal(null, null, null);
        overview = overview != null ? overview : new Overview(null, null, null);
        attention = attention != null ? attention : new Attention(null, null, null, null, null);
        devTokens = devTokens != null ? devTokens : new DevTokens(false);
        security = security != null ? security : new Security(null);
    }

    /**
     * @param length           how long a new trial runs
     * @param extensionDays    default length of a granted extension
     * @param maxExtensions    how many extensions one trial may get
     * @param expiryCheckEvery how often ended trials are looked for and closed
     */
    public record Trial(Duration length, Integer extensionDays, Integer maxExtensions, Duration expiryCheckEvery) {
        public Trial {
            length = length != null ? length : Duration.ofDays(14);
            extensionDays = extensionDays != null ? extensionDays : 30;
            maxExtensions = maxExtensions != null ? maxExtensions : 1;
            expiryCheckEvery = expiryCheckEvery != null ? expiryCheckEvery : Duration.ofSeconds(30);
        }
    }

    /**
     * @param protection            how long a deal protects its domain after the partner's last action
     * @param defaultCommissionRate a new partner's commission rate when none is given
     * @param freeEmailDomains      consumer mail providers that cannot identify a customer
     */
    public record Deal(Duration protection, BigDecimal defaultCommissionRate, Set<String> freeEmailDomains) {
        public Deal {
            protection = protection != null ? protection : Duration.ofDays(90);
            defaultCommissionRate = defaultCommissionRate != null ? defaultCommissionRate : new BigDecimal("0.20");
            freeEmailDomains = freeEmailDomains != null ? Set.copyOf(freeEmailDomains) : Set.of(
                    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
                    "yahoo.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com",
                    "gmx.com", "gmx.de", "web.de", "mail.com", "yandex.com", "zoho.com");
        }
    }

    /**
     * @param activityWindow          the window of {@code activitiesLast90Days}
     * @param activitySortRefreshEvery how often the sort key of {@code activitiesLast90Days} drops the
     *                                activities that left the window (the shown counts are always exact)
     * @param tabCountRefreshEvery     how often the stored tab counts take in the accounts that time or events
     *                                have moved (the counts answered are always exact; this keeps them fast)
     */
    public record Overview(Duration activityWindow, Duration activitySortRefreshEvery, Duration tabCountRefreshEvery) {
        public Overview {
            activityWindow = activityWindow != null ? activityWindow : Duration.ofDays(90);
            activitySortRefreshEvery = activitySortRefreshEvery != null ? activitySortRefreshEvery : Duration.ofMinutes(1);
            tabCountRefreshEvery = tabCountRefreshEvery != null ? tabCountRefreshEvery : Duration.ofSeconds(10);
        }
    }

    /** Thresholds of the customer overview's attention items. */
    public record Attention(Duration trialEndingWithin, Duration trialEndedUndecidedFor, Duration inactiveAfter,
                            Duration inactiveMinAccountAge, Duration noFrameworkAfter) {
        public Attention {
            trialEndingWithin = trialEndingWithin != null ? trialEndingWithin : Duration.ofDays(7);
            trialEndedUndecidedFor = trialEndedUndecidedFor != null ? trialEndedUndecidedFor : Duration.ofDays(30);
            inactiveAfter = inactiveAfter != null ? inactiveAfter : Duration.ofDays(14);
            inactiveMinAccountAge = inactiveMinAccountAge != null ? inactiveMinAccountAge : Duration.ofDays(7);
            noFrameworkAfter = noFrameworkAfter != null ? noFrameworkAfter : Duration.ofDays(3);
        }
    }

    /** {@code POST /api/dev/tokens}: for trying the API on the embedded default only. */
    public record DevTokens(boolean enabled) {
    }

    /**
     * @param hmacSecret when set, bearer tokens are HS256 tokens signed with it (the embedded default);
     *                   otherwise the standard {@code spring.security.oauth2.resourceserver.jwt.*} settings apply
     */
    public record Security(String hmacSecret) {
    }
}
