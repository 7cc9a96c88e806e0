package com.partnerdeals.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The product's latest usage snapshot of the account. {@code mainFramework} is null while the customer
 * has not chosen one.
 */
public record ReportCustomerUsage(@TargetAggregateIdentifier String customerId,
                                  int users,
                                  String mainFramework,
                                  int frameworkProgress) {
}
