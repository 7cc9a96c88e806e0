package com.partnerdeals.api.customer;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A batch of activities the product saw in the customer's account (up to 1000). */
public record RecordCustomerActivities(@TargetAggregateIdentifier String customerId, List<Activity> activities) {

    public RecordCustomerActivities {
        activities = List.copyOf(activities);
    }
}
