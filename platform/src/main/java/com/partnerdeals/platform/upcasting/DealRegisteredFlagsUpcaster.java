package com.partnerdeals.platform.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnerdeals.api.deal.DealRegistered;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code DealRegistered} revision 1 (stored without a revision) had no reviewer flags: deals were
 * registered before the DOMAIN_CONFLICT / EXISTING_CUSTOMER checks existed. Revision 2 carries
 * {@code flags}; an old event reads as a deal registered with none.
 */
@Component
@Order(1)
public class DealRegisteredFlagsUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(DealRegistered.class.getName(), null);
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(DealRegistered.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            if (payload instanceof ObjectNode event && !event.has("flags")) {
                event.putArray("flags");
            }
            return payload;
        });
    }
}
