package com.partnerdeals.query.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.partner.FindPartner;
import com.partnerdeals.api.partner.ListPartners;
import com.partnerdeals.api.partner.PartnerRegistered;
import com.partnerdeals.api.partner.PartnerUpdated;
import com.partnerdeals.api.partner.PartnerView;
import com.partnerdeals.query.ReadModelDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The partner-views projection on a real database, fed through Axon's handler adapter. */
class PartnerProjectionTest {

    static final Instant REGISTERED = Instant.parse("2026-02-01T08:30:00.123456Z");

    AnnotationEventHandlerAdapter projection;
    PartnerQueries queries;

    @BeforeEach
    void setUp() {
        ReadModelDatabase database = ReadModelDatabase.migrated();
        projection = new AnnotationEventHandlerAdapter(new PartnerProjection(database.jdbc()));
        queries = new PartnerQueries(database.jdbc());
    }

    void deliver(String partnerId, long sequence, Instant at, Object event) throws Exception {
        projection.handle(new GenericDomainEventMessage<>("Partner", partnerId, sequence, event, Map.of(),
                "event-" + partnerId + "-" + sequence, at));
    }

    @Test
    void aRegisteredPartnerIsActiveWithItsRateAsWritten() throws Exception {
        deliver("acme", 0, REGISTERED, new PartnerRegistered("acme", "Acme Consulting",
                Set.of("acme.example", "acme-consulting.example"), new BigDecimal("0.20")));

        PartnerView partner = queries.handle(new FindPartner("acme", Viewer.vendorStaff()));

        assertThat(partner).isEqualTo(new PartnerView("acme", "Acme Consulting",
                List.of("acme-consulting.example", "acme.example"), new BigDecimal("0.20"), true, false, REGISTERED, 0));
        assertThat(partner.commissionRate().toPlainString()).isEqualTo("0.20");
    }

    @Test
    void anUpdateReplacesTheDetailsAndAdvancesTheVersion() throws Exception {
        deliver("acme", 0, REGISTERED, new PartnerRegistered("acme", "Acme", Set.of("acme.example"), new BigDecimal("0.20")));
        deliver("acme", 1, REGISTERED.plusSeconds(60), new PartnerUpdated("acme", "Acme Group",
                Set.of("acme.example", "acmegroup.example"), new BigDecimal("0.25"), false, true));

        PartnerView partner = queries.handle(new FindPartner("acme", Viewer.partner("acme")));

        assertThat(partner).isEqualTo(new PartnerView("acme", "Acme Group", List.of("acme.example", "acmegroup.example"),
                new BigDecimal("0.25"), false, true, REGISTERED, 1));
    }

    @Test
    void aRedeliveredEventChangesNothing() throws Exception {
        deliver("acme", 0, REGISTERED, new PartnerRegistered("acme", "Acme", Set.of("acme.example"), new BigDecimal("0.20")));
        deliver("acme", 1, REGISTERED, new PartnerUpdated("acme", "Acme Group", Set.of("acme.example"),
                new BigDecimal("0.25"), true));
        deliver("acme", 0, REGISTERED, new PartnerRegistered("acme", "Acme", Set.of("acme.example"), new BigDecimal("0.20")));
        deliver("acme", 1, REGISTERED, new PartnerUpdated("acme", "Acme Group", Set.of("acme.example"),
                new BigDecimal("0.25"), true));

        assertThat(queries.handle(new FindPartner("acme", Viewer.vendorStaff())).name()).isEqualTo("Acme Group");
        assertThat(queries.handle(new FindPartner("acme", Viewer.vendorStaff())).version()).isEqualTo(1);
    }

    @Test
    void aPartnerSeesOnlyItself() throws Exception {
        deliver("acme", 0, REGISTERED, new PartnerRegistered("acme", "Acme", Set.of("acme.example"), new BigDecimal("0.20")));
        deliver("initech", 0, REGISTERED, new PartnerRegistered("initech", "Initech", Set.of("initech.example"),
                new BigDecimal("0.10")));

        assertThat(queries.handle(new ListPartners(Viewer.vendorStaff()))).extracting(PartnerView::partnerId)
                .containsExactly("acme", "initech");
        assertThat(queries.handle(new ListPartners(Viewer.partner("initech")))).extracting(PartnerView::partnerId)
                .containsExactly("initech");
        assertThatThrownBy(() -> queries.handle(new FindPartner("acme", Viewer.partner("initech"))))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
        assertThatThrownBy(() -> queries.handle(new FindPartner("nobody", Viewer.vendorStaff())))
                .isInstanceOf(RuleViolation.class);
    }

    @Test
    void theResetHandlerEmptiesTheView() throws Exception {
        deliver("acme", 0, REGISTERED, new PartnerRegistered("acme", "Acme", Set.of("acme.example"), new BigDecimal("0.20")));

        projection.prepareReset();

        assertThat(queries.handle(new ListPartners(Viewer.vendorStaff()))).isEmpty();
    }
}
