package com.partnerdeals.api.customer;

import java.util.List;

/** Activities seen for the first time in the account (a batch's repeats are left out). */
public record CustomerActivityRecorded(String customerId, List<Activity> activities) {
}
