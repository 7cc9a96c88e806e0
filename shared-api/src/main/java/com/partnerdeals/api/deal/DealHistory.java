package com.partnerdeals.api.deal;

import com.partnerdeals.api.common.Actor;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A deal's audit trail: every event, in order, as the event store holds it. */
public record DealHistory(String dealId, List<Entry> events) {

    /**
     * @param sequence  the event's sequence number within the deal (0 for the registration)
     * @param eventType the event's simple name, e.g. {@code DealRegistered}
     * @param actor     who caused it, from the event's metadata
     * @param data      the event itself
     * @param personalDataErased the event held the contact's name or email, which were erased (now null)
     * @param redacted  the event held a note's text, which was redacted (now null)
     */
    @Schema(name = "DealHistoryEntry")
    public record Entry(long sequence, String eventType, Instant occurredAt, Actor actor, Object data,
                        boolean personalDataErased, boolean redacted) {
    }
}
