package com.partnerdeals.query.customer;

import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.customer.CustomerOverview;
import com.partnerdeals.api.customer.CustomerView;
import com.partnerdeals.api.customer.FindCustomer;
import com.partnerdeals.api.customer.FindTrialsEndingSoon;
import com.partnerdeals.api.customer.ListCustomers;
import com.partnerdeals.api.customer.TrialsEndingSoon;
import java.time.Clock;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers from the customer overview, as it stands at the time of asking. */
@Component
class CustomerOverviewQueries {

    private static final int ENDING_TRIALS_LISTED = 10;

    private final CustomerOverviewRows rows;
    private final Clock clock;

    CustomerOverviewQueries(CustomerOverviewRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    @QueryHandler
    CustomerOverview handle(ListCustomers query) {
        CustomerOverviewRows.Selection selection = new CustomerOverviewRows.Selection(
                visiblePartner(query.viewer(), query.partnerId()), query.statuses(), query.needsAttention(), query.text());
        return rows.page(selection, query.sort(), query.page(), clock.instant());
    }

    @QueryHandler
    CustomerView handle(FindCustomer query) {
        return rows.find(query.customerId(), clock.instant())
                .filter(customer -> query.viewer().maySee(customer.partnerId()))
                .orElseThrow(() -> RuleViolation.notFound("No customer " + query.customerId()));
    }

    /** For the dashboard's "trials ending within 7 days". */
    @QueryHandler
    TrialsEndingSoon handle(FindTrialsEndingSoon query) {
        return rows.trialsEndingSoon(visiblePartner(query.viewer(), query.partnerId()), clock.instant(),
                ENDING_TRIALS_LISTED);
    }

    /** A partner sees its own accounts; vendor staff everyone's, or the one partner they chose. */
    private static String visiblePartner(Viewer viewer, String requestedPartnerId) {
        return viewer.isVendorStaff() ? requestedPartnerId : viewer.partnerId();
    }
}
