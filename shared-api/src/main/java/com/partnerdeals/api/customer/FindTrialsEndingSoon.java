package com.partnerdeals.api.customer;

import com.partnerdeals.api.common.Viewer;

/**
 * For the dashboard: the trials ending within the configured days (7) from now, as {@link TrialsEndingSoon}.
 *
 * @param partnerId only this partner's accounts; honoured for vendor staff, a partner always sees its own
 */
public record FindTrialsEndingSoon(Viewer viewer, String partnerId) {
}
