package com.partnerdeals.api.customer;

/** The product's latest usage snapshot; it replaces the previous one. */
public record CustomerUsageReported(String customerId, int users, String mainFramework, int frameworkProgress) {
}
