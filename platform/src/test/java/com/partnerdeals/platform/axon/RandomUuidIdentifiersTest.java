package com.partnerdeals.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class RandomUuidIdentifiersTest {

    @Test
    void axonFindsItThroughTheServiceLoader() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(RandomUuidIdentifiers.class);
    }

    @Test
    void messagesAreIdentifiedByRandomUuids() {
        String identifier = GenericEventMessage.asEventMessage("registered").getIdentifier();

        assertThat(UUID.fromString(identifier).version()).isEqualTo(4);
        assertThat(identifier).isNotEqualTo(GenericEventMessage.asEventMessage("registered").getIdentifier());
    }
}
