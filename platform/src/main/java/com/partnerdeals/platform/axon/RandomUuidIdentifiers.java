package com.partnerdeals.platform.axon;

import com.partnerdeals.platform.randomness.ThreadSecureRandom;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message identifiers (every command, event and query has one): random UUIDs as Axon's default makes them, but
 * drawn from {@link ThreadSecureRandom} instead of the one synchronized source behind {@code UUID.randomUUID()}.
 * Axon finds it through {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public final class RandomUuidIdentifiers extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return ThreadSecureRandom.randomUuid().toString();
    }
}
