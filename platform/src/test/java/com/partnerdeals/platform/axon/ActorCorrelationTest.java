package com.partnerdeals.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.api.common.Actor;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.junit.jupiter.api.Test;

/** The acting user travels from a command to its events, and on to what the command side does with them. */
class ActorCorrelationTest {

    final CorrelationDataProvider actor = new CommandDispatchConfiguration().actorCorrelationDataProvider();
    final Map<String, Object> anna = Map.of(Actor.SUBJECT_KEY, "anna", Actor.ROLES_KEY, List.of("PARTNER"));

    @Test
    void aCommandsActorIsCopiedOntoItsEvents() {
        assertThat(actor.correlationDataFor(GenericCommandMessage.asCommandMessage("register").andMetaData(anna)))
                .isEqualTo(anna);
    }

    @Test
    void anEventHandledInTheCommandsUnitOfWorkPassesItOn() {
        assertThat(actor.correlationDataFor(event())).isEqualTo(anna);
    }

    @Test
    void anEventReadBackByAStreamingProcessorOffersNothing() {
        assertThat(actor.correlationDataFor(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(7),
                event()))).isEmpty();
    }

    GenericDomainEventMessage<String> event() {
        return new GenericDomainEventMessage<>("Deal", "deal-1", 0, "registered", anna);
    }
}
