package com.partnerdeals.platform.testing;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the event store itself holds, for tests that check what was written, not what a read model shows. */
public final class StoredEvents {

    private StoredEvents() {
    }

    /** The simple names of an aggregate's event types, in order. */
    public static List<String> typesOf(JdbcClient jdbc, String aggregateId) {
        return jdbc.sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(aggregateId)
                .query(String.class)
                .list()
                .stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }
}
