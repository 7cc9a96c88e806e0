package com.partnerdeals.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

/** The same meters as Axon's MessageTimerMonitor gives (names, tags, counts), without percentiles. */
class MessageTypeTimersTest {

    record DealRegistered(String dealId) {
    }

    record DealAccepted(String dealId) {
    }

    private final MockClock clock = new MockClock();
    private final MeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    @Test
    void namesAndTagsAreThoseOfAxonsMonitor() {
        MeterRegistry axons = new SimpleMeterRegistry();
        Tags processor = Tags.of(TagsUtil.PROCESSOR_NAME_TAG, "deal-views");
        MessageMonitor<Message<?>> axon = MessageTimerMonitor.buildMonitor("eventProcessor", axons,
                message -> processor.and(TagsUtil.PAYLOAD_TYPE_TAG, message.getPayloadType().getSimpleName()));
        MessageMonitor<Message<?>> ours = new MessageTypeTimers("eventProcessor", registry, processor);

        for (MessageMonitor<Message<?>> monitor : List.of(axon, ours)) {
            monitor.onMessageIngested(event(new DealRegistered("deal-1"))).reportSuccess();
            monitor.onMessageIngested(event(new DealAccepted("deal-1"))).reportIgnored();
        }

        assertThat(timerIds(registry)).hasSize(8).isEqualTo(timerIds(axons));
        assertThat(registry.getMeters()).as("no percentile gauges beside them").hasSize(8);
    }

    @Test
    void eachOutcomeIsCountedInItsTimerAndInAll() {
        MessageMonitor<Message<?>> timers = new MessageTypeTimers("commandBus", registry, Tags.empty());

        MessageMonitor.MonitorCallback first = timers.onMessageIngested(event(new DealRegistered("deal-1")));
        clock.add(Duration.ofMillis(7));
        first.reportSuccess();
        timers.onMessageIngested(event(new DealRegistered("deal-2"))).reportFailure(new IllegalStateException());
        timers.onMessageIngested(event(new DealRegistered("deal-3"))).reportIgnored();
        timers.onMessageIngested(event(new DealAccepted("deal-1"))).reportSuccess();

        assertThat(timer("commandBus.allTimer", "DealRegistered").count()).isEqualTo(3);
        assertThat(timer("commandBus.successTimer", "DealRegistered").count()).isEqualTo(1);
        assertThat(timer("commandBus.successTimer", "DealRegistered").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7);
        assertThat(timer("commandBus.failureTimer", "DealRegistered").count()).isEqualTo(1);
        assertThat(timer("commandBus.ignoredTimer", "DealRegistered").count()).isEqualTo(1);
        assertThat(timer("commandBus.allTimer", "DealAccepted").count()).isEqualTo(1);
        assertThat(timer("commandBus.allTimer", "DealRegistered").takeSnapshot().percentileValues()).isEmpty();
    }

    private Timer timer(String name, String payloadType) {
        return registry.get(name).tag(TagsUtil.PAYLOAD_TYPE_TAG, payloadType).timer();
    }

    private static Message<?> event(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }

    private static Set<String> timerIds(MeterRegistry registry) {
        return registry.getMeters().stream().map(Meter::getId).filter(id -> id.getType() == Meter.Type.TIMER)
                .map(id -> id.getName() + id.getTags()).collect(Collectors.toSet());
    }
}
