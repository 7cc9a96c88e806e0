package com.partnerdeals.query.deal;

import com.partnerdeals.platform.config.PortalProperties;
import java.time.Duration;

/**
 * The settings a deal view is judged by at the time of asking: how long protection lasts after the partner's last
 * action (SPEC 4.4), how early its end is announced, and when a pending review is due (SPEC 12).
 */
record DealTerms(Duration protection, Duration protectionReminder, Duration reviewDueWithin) {

    static DealTerms of(PortalProperties properties) {
        return new DealTerms(properties.deal().protection(), properties.deal().protectionReminder(),
                properties.review().dueWithin());
    }
}
