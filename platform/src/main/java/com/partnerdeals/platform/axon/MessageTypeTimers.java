package com.partnerdeals.platform.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;

/**
 * The timers of Axon's {@code MessageTimerMonitor} ({@code <component>.allTimer}, {@code .successTimer},
 * {@code .failureTimer}, {@code .ignoredTimer}, tagged with the message's payload type and the component's own tags),
 * looked up once per message type. Axon's monitor builds all four again for every message and has the registry find
 * them (2.4 % of the service's CPU samples under load, bench/THROUGHPUT.md). No percentiles: computed in the service
 * on the command's thread and every projection's, they cost 0.9 ms of CPU per command; Prometheus gets count, sum
 * and max per message type (rates and mean latency), and tail latency is the HTTP timers' business.
 */
final class MessageTypeTimers implements MessageMonitor<Message<?>> {

    private record Timers(Timer all, Timer success, Timer failure, Timer ignored) {
    }

    private final Clock clock;
    private final ClassValue<Timers> timers;

    /** {@code tags}: the component's own, besides the payload type's (a projection's name, say). */
    MessageTypeTimers(String component, MeterRegistry registry, Tags tags) {
        this.clock = registry.config().clock();
        this.timers = new ClassValue<>() {
            @Override
            protected Timers computeValue(Class<?> payloadType) {
                Tags typeTags = tags.and(TagsUtil.PAYLOAD_TYPE_TAG, payloadType.getSimpleName());
                return new Timers(timer(".allTimer", typeTags), timer(".successTimer", typeTags),
                        timer(".failureTimer", typeTags), timer(".ignoredTimer", typeTags));
            }

            private Timer timer(String outcome, Tags typeTags) {
                return Timer.builder(component + outcome).tags(typeTags).register(registry);
            }
        };
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Timers type = timers.get(message.getPayloadType());
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                record(type.success());
            }

            @Override
            public void reportFailure(Throwable cause) {
                record(type.failure());
            }

            @Override
            public void reportIgnored() {
                record(type.ignored());
            }

            private void record(Timer outcome) {
                long duration = clock.monotonicTime() - start;
                type.all().record(duration, TimeUnit.NANOSECONDS);
                outcome.record(duration, TimeUnit.NANOSECONDS);
            }
        };
    }
}
