package com.partnerdeals.platform.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the event store's reader reads the store for new events.
 *
 * @param readGap the least time between two of the reader's reads: under load the commits made meanwhile are read,
 *                and reach the read models, together; a read after a quiet spell (longer than the gap) is at once;
 *                0 reads as Axon does, as soon as asked
 */
@ConfigurationProperties("portal.events")
public record EventReadSettings(Duration readGap) {

    public EventReadSettings {
        readGap = readGap != null ? readGap : Duration.ofMillis(10);
        if (readGap.isNegative()) {
            throw new IllegalArgumentException("portal.events.read-gap must not be negative, not " + readGap);
        }
    }
}
