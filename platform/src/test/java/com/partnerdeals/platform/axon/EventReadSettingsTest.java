package com.partnerdeals.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventReadSettingsTest {

    @Test
    void theReadGapIsTenMillisecondsUnlessSet() {
        assertThat(new EventReadSettings(null).readGap()).isEqualTo(Duration.ofMillis(10));
        assertThat(new EventReadSettings(Duration.ZERO).readGap()).isZero();
    }

    @Test
    void aNegativeReadGapStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new EventReadSettings(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("portal.events.read-gap");
    }
}
