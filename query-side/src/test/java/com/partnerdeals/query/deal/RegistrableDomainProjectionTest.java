package com.partnerdeals.query.deal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.FindDeal;
import com.partnerdeals.platform.testing.MutableClock;
import com.partnerdeals.platform.testing.PortalSettings;
import com.partnerdeals.query.ReadModelDatabase;
import com.partnerdeals.query.projections.RememberedViews;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC 12: a replay of a store written before customer domains were registrable shows each deal under its
 * registrable domain, as a deal registered today.
 */
class RegistrableDomainProjectionTest {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    DealQueries queries;
    AnnotationEventHandlerAdapter projection;

    @BeforeEach
    void setUp() {
        ReadModelDatabase database = ReadModelDatabase.migrated();
        DealViewRepository repository = new DealViewRepository(database.namedParameterJdbc());
        projection = new AnnotationEventHandlerAdapter(
                new DealProjection(repository, database.transactions(), new RememberedViews.Settings(null)));
        queries = new DealQueries(repository, new MutableClock(T0), PortalSettings.of());
    }

    void register(String dealId, String contactEmail, String storedDomain) throws Exception {
        DealRegistered registered = new DealRegistered(dealId, "nordic-grc",
                new CustomerDetails("Globex Ltd", "Greta Smith", contactEmail, "GB"), storedDomain, 25, null, Set.of());
        projection.handle(new GenericDomainEventMessage<>("Deal", dealId, 0, registered, Map.of(), "event-" + dealId, T0));
    }

    String domainOf(String dealId) {
        return queries.handle(new FindDeal(dealId, Viewer.vendorStaff())).customer().domain();
    }

    @Test
    void aDealStoredWithTheFullDomainIsShownUnderItsRegistrableDomain() throws Exception {
        register("d-old", "greta@sales.globex.co.uk", "sales.globex.co.uk");
        register("d-idn", "greta@verkauf.bücher.de", "verkauf.bücher.de");
        register("d-new", "greta@sales.globex.co.uk", "globex.co.uk");

        assertThat(domainOf("d-old")).isEqualTo("globex.co.uk");
        assertThat(domainOf("d-idn")).isEqualTo("xn--bcher-kva.de");
        assertThat(domainOf("d-new")).isEqualTo("globex.co.uk");
    }

    @Test
    void thePointInTimeViewAgreesWithTheProjection() {
        DealRegistered old = new DealRegistered("d-old", "nordic-grc", new CustomerDetails("Globex Ltd", "Greta Smith",
                "greta@sales.globex.co.uk", "GB"), "sales.globex.co.uk", 25, null, Set.of());
        assertThat(DealState.registered(old, 0, T0).domain()).isEqualTo("globex.co.uk");
    }
}
