package com.partnerdeals.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.customer.CustomerView;
import com.partnerdeals.api.customer.FindCustomer;
import com.partnerdeals.api.customer.ListCustomers;
import com.partnerdeals.api.customer.TrialStarted;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.platform.testing.MutableClock;
import com.partnerdeals.platform.testing.PortalSettings;
import com.partnerdeals.query.ReadModelDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** SPEC 12: an account started before customer domains were registrable is shown, and found, under its registrable one. */
class RegistrableDomainProjectionTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final PortalProperties properties = PortalSettings.of();
    AnnotationEventHandlerAdapter projection;
    CustomerOverviewQueries queries;

    @BeforeEach
    void setUp() {
        DataSource database = ReadModelDatabase.migrated().dataSource();
        JdbcClient jdbc = JdbcClient.create(database);
        projection = new AnnotationEventHandlerAdapter(new CustomerOverviewProjection(jdbc, new JdbcTemplate(database),
                clock, properties));
        TabCounts tabCounts = new TabCounts(jdbc, new JdbcTemplate(database), new DataSourceTransactionManager(database),
                clock, properties);
        queries = new CustomerOverviewQueries(new CustomerOverviewRows(jdbc, tabCounts, properties), clock);
    }

    @Test
    void anAccountStoredWithTheFullDomainIsShownUnderItsRegistrableDomain() throws Exception {
        TrialStarted old = new TrialStarted("c-old", "d-old", "nordic-grc", "Globex Ltd", "sales.globex.co.uk",
                T0.plus(Duration.ofDays(14)));
        projection.handle(new GenericDomainEventMessage<>("Trial", "c-old", 0, old, Map.of(), "event-c-old", T0));

        CustomerView view = queries.handle(new FindCustomer("c-old", Viewer.vendorStaff()));
        assertThat(view.domain()).isEqualTo("globex.co.uk");
        List<CustomerView> found = queries.handle(new ListCustomers(Viewer.vendorStaff(), null, Set.of(), false,
                "globex.co.uk", null, new PageRequest(0, 50))).items();
        assertThat(found).extracting(CustomerView::customerId).containsExactly("c-old");
    }
}
