package com.partnerdeals.bench.throughput;

/**
 * The stop-the-world pauses of one phase of a run, started when the phase starts: a service's, from its GC log, and
 * the load generator's own, which stop the clients and the visibility probe as well.
 */
final class PhasePauses {

    private final long fromMillis = System.currentTimeMillis();
    private final LoadGeneratorGc.Reading ownBefore = LoadGeneratorGc.read();

    private PhasePauses() {
    }

    static PhasePauses startingNow() {
        return new PhasePauses();
    }

    /** E.g. "the query side's GC pauses meanwhile: none; the load generator's own collections: 1, 14 ms in all". */
    String of(String service, GcPauses servicePauses) {
        return String.format("the %s's %s; the load generator's own collections: %s", service,
                servicePauses.since(fromMillis), LoadGeneratorGc.read().since(ownBefore));
    }
}
