package com.partnerdeals.platform.randomness;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Cryptographically strong randomness without a lock shared by every thread: one DRBG (NIST SP 800-90A, seeded from
 * the operating system) per thread. {@link UUID#randomUUID()} and {@code new SecureRandom()} on Linux draw from
 * NativePRNG, whose instances share one synchronized source; every command takes several random ids (Axon's message
 * ids, the request id, a note's id, an encryption nonce), and on a busy machine a thread preempted while holding that
 * lock kept the others waiting 10 ms and more (bench/THROUGHPUT.md).
 */
public final class ThreadSecureRandom {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK's DRBG is missing", e);
        }
    });

    private ThreadSecureRandom() {
    }

    /** This thread's generator: for this thread only, never to be handed to another. */
    public static SecureRandom current() {
        return RANDOM.get();
    }

    /** A random (version 4) UUID, as {@link UUID#randomUUID()} makes it, from this thread's generator. */
    public static UUID randomUuid() {
        byte[] bytes = new byte[16];
        current().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        ByteBuffer halves = ByteBuffer.wrap(bytes);
        return new UUID(halves.getLong(), halves.getLong());
    }
}
