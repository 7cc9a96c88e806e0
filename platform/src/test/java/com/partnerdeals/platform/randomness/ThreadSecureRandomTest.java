package com.partnerdeals.platform.randomness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadSecureRandomTest {

    @Test
    void aRandomUuidIsVersionFourOfTheIetfVariant() {
        UUID uuid = ThreadSecureRandom.randomUuid();

        assertThat(uuid.version()).isEqualTo(4);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(UUID.fromString(uuid.toString())).isEqualTo(uuid);
    }

    @Test
    void threadsDrawDifferentUuidsFromGeneratorsOfTheirOwn() throws InterruptedException {
        Set<UUID> drawn = ConcurrentHashMap.newKeySet();
        Set<Object> generators = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int thread = 0; thread < 8; thread++) {
            threads.execute(() -> {
                generators.add(ThreadSecureRandom.current());
                for (int i = 0; i < 10_000; i++) {
                    drawn.add(ThreadSecureRandom.randomUuid());
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

        assertThat(drawn).hasSize(80_000);
        assertThat(generators).hasSize(8);
        assertThat(ThreadSecureRandom.current().getAlgorithm()).isEqualTo("DRBG");
    }
}
