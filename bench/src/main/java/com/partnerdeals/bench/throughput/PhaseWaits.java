package com.partnerdeals.bench.throughput;

import java.util.List;

/**
 * What the threads of one phase of a run waited for, from the phase's start: stop-the-world pauses (a service's, from
 * its GC log, and the load generator's own, which stop the clients and the visibility probe as well), and a core
 * ({@link CoreWaits}).
 */
final class PhaseWaits {

    private final long fromMillis = System.currentTimeMillis();
    private final LoadGeneratorGc.Reading ownBefore = LoadGeneratorGc.read();
    private final CoreWaits coreWaits;

    private PhaseWaits(List<CoreWaits.Party> parties) {
        this.coreWaits = CoreWaits.startingNow(parties);
    }

    /** {@code parties}: whose waits for a core to print. */
    static PhaseWaits startingNow(List<CoreWaits.Party> parties) {
        return new PhaseWaits(parties);
    }

    /** E.g. "the query side's GC pauses meanwhile: none; the load generator's own collections: 1, 14 ms in all". */
    String pauses(String service, GcPauses servicePauses) {
        return String.format("the %s's %s; the load generator's own collections: %s", service,
                servicePauses.since(fromMillis), LoadGeneratorGc.read().since(ownBefore));
    }

    /** See {@link CoreWaits#since()}. */
    String coreWaits() {
        return coreWaits.since();
    }
}
