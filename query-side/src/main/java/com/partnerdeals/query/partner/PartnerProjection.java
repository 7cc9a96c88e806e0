package com.partnerdeals.query.partner;

import com.partnerdeals.api.partner.PartnerRegistered;
import com.partnerdeals.api.partner.PartnerUpdated;
import com.partnerdeals.query.ProjectionConfiguration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps {@code partner_view}: one row per partner. An event delivered again changes nothing. */
@Component
@ProcessingGroup(ProjectionConfiguration.PARTNER_VIEWS)
class PartnerProjection {

    private final JdbcClient jdbc;

    PartnerProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PartnerRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO partner_view (partner_id, name, domains, commission_rate, active, auto_accept,
                            registered_at, version)
                        VALUES (:partnerId, :name, :domains, :rate, TRUE, :autoAccept, :registeredAt, :version)
                        ON CONFLICT DO NOTHING""")
                .param("partnerId", event.partnerId())
                .param("name", event.name())
                .param("domains", joined(event.domains()))
                .param("rate", event.commissionRate().toPlainString())
                .param("autoAccept", event.autoAccept())
                .param("registeredAt", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("version", sequence)
                .update();
    }

    @EventHandler
    void on(PartnerUpdated event, @SequenceNumber long sequence) {
        jdbc.sql("""
                        UPDATE partner_view SET name = :name, domains = :domains, commission_rate = :rate,
                            active = :active, auto_accept = :autoAccept, version = :version
                        WHERE partner_id = :partnerId AND version < :version""")
                .param("partnerId", event.partnerId())
                .param("name", event.name())
                .param("domains", joined(event.domains()))
                .param("rate", event.commissionRate().toPlainString())
                .param("active", event.active())
                .param("autoAccept", event.autoAccept())
                .param("version", sequence)
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM partner_view").update();
    }

    private static String joined(Set<String> domains) {
        return String.join(" ", domains.stream().sorted().toList());
    }
}
