package com.partnerdeals.platform.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Every product setting, under {@code portal.*}. Defaults are the spec's. */
@ConfigurationProperties("portal")
public record PortalProperties(Trial trial, Deal deal, Overview overview, Attention attention, DevTokens devTokens,
                               Security security, PersonalData personalData, Review review) {

    public PortalProperties {
        trial = trial != null ? trial : new Trial(null, null, null);
        deal = deal != null ? deal : new Deal(null, null, null, null);
        overview = overview != null ? overview : new Overview(null);
        attention = attention != null ? attention : new Attention(null, null, null, null, null);
        devTokens = devTokens != null ? devTokens : new DevTokens(false);
        security = security != null ? security : new Security(null);
        personalData = personalData != null ? personalData : new PersonalData(null, null);
        review = review != null ? review : new Review(null);
    }

    /**
     * @param dueWithin how long after registration a pending deal is due for review (SPEC 12)
     * (How often overdue reviews are looked for, {@code portal.review.overdue-check-every}, is read by its schedule.)
     */
    public record Review(Duration dueWithin) {
        public Review {
            dueWithin = dueWithin != null ? dueWithin : Duration.ofDays(2);
        }
    }

    /**
     * @param length           how long a new trial runs
     * @param extensionDays    default length of a granted extension
     * @param maxExtensions    how many extensions one trial may get
     * (How often ended trials are closed, {@code portal.trial.expiry-check-every}, is read by its schedule.)
     */
    public record Trial(Duration length, Integer extensionDays, Integer maxExtensions) {
        public Trial {
            length = length != null ? length : Duration.ofDays(14);
            extensionDays = extensionDays != null ? extensionDays : 30;
            maxExtensions = maxExtensions != null ? maxExtensions : 1;
        }
    }

    /**
     * @param protection            how long a deal protects its domain after the partner's last action
     * @param defaultCommissionRate a new partner's commission rate when none is given
     * @param freeEmailDomains      consumer mail providers that cannot identify a customer
     * @param protectionReminder    how long before its protection ends a deal shows protectionEndsSoon (SPEC 12)
     */
    public record Deal(Duration protection, BigDecimal defaultCommissionRate, Set<String> freeEmailDomains,
                       Duration protectionReminder) {
        public Deal {
            protection = protection != null ? protection : Duration.ofDays(90);
            protectionReminder = protectionReminder != null ? protectionReminder : Duration.ofDays(14);
            defaultCommissionRate = defaultCommissionRate != null ? defaultCommissionRate : new BigDecimal("0.20");
            freeEmailDomains = freeEmailDomains != null ? Set.copyOf(freeEmailDomains) : Set.of(
                    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
                    "yahoo.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com",
                    "gmx.com", "gmx.de", "web.de", "mail.com", "yandex.com", "zoho.com");
        }
    }

    /**
     * @param activityWindow the window of {@code activitiesLast90Days}
     * (The recount schedules, {@code portal.overview.activity-sort-refresh-every} and
     * {@code portal.overview.tab-count-refresh-every}, are read by their schedules.)
     */
    public record Overview(Duration activityWindow) {
        public Overview {
            activityWindow = activityWindow != null ? activityWindow : Duration.ofDays(90);
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

    /**
     * @param masterKey          32 bytes in Base64: wraps every personal-data key in the database (SPEC 11)
     * @param previousMasterKeys master keys being rotated out: keys they wrapped are re-wrapped with the current one
     */
    public record PersonalData(String masterKey, List<String> previousMasterKeys) {
        public PersonalData {
            previousMasterKeys = previousMasterKeys != null ? List.copyOf(previousMasterKeys) : List.of();
        }
    }
}
