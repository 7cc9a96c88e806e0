package com.partnerdeals.app.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Events stored in an older shape are read through upcasters, by the aggregates and by every reader. */
@ServiceTest
class OldEventShapesTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired EventStore eventStore;

    @Test
    void aDealRegisteredStoredWithoutFlagsReadsAsRegisteredWithNone() {
        PartnerProgram program = new PartnerProgram(port);
        String partnerId = program.newPartner();
        String dealId = UUID.randomUUID().toString();
        String revision1 = """
                {"dealId":"%s","partnerId":"%s",
                 "customer":{"companyName":"Old Oy","contactName":"Olli","contactEmail":"olli@old-oy.fi","country":"FI"},
                 "domain":"old-oy.fi","estimatedUsers":null,"note":null}""".formatted(dealId, partnerId);
        jdbc.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (?, ?, 0, 'Deal', '2025-03-01T10:00:00Z', ?, NULL, ?, ?)""")
                .params(UUID.randomUUID().toString(), dealId, DealRegistered.class.getName(),
                        revision1.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8))
                .update();

        DealRegistered read = (DealRegistered) eventStore.readEvents(dealId).next().getPayload();
        assertThat(read.flags()).isEmpty();
        assertThat(read.domain()).isEqualTo("old-oy.fi");

        Api.Response accepted = program.api.post("/api/deals/" + dealId + "/accept", program.tokens.manager(), null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.at("/version")).isEqualTo("1");
    }

    @Test
    void newRegistrationsAreStoredAsRevisionTwo() {
        PartnerProgram program = new PartnerProgram(port);
        String dealId = program.newDeal(program.newPartner());
        String revision = jdbc.sql("SELECT payload_revision FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0")
                .param(dealId).query(String.class).single();
        assertThat(revision).isEqualTo("2");
    }
}
