package com.partnerdeals.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProjectionSettingsTest {

    @Test
    void eachProjectionHasTwoSegmentsForTwoQueryNodesUnlessSet() {
        assertThat(new ProjectionConfiguration.Settings(null).segments()).isEqualTo(2);
        assertThat(new ProjectionConfiguration.Settings(1).segments()).isOne();
    }

    @Test
    void fewerThanOneSegmentStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new ProjectionConfiguration.Settings(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("portal.projections.segments");
    }
}
