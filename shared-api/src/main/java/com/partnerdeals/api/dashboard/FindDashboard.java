package com.partnerdeals.api.dashboard;

import com.partnerdeals.api.common.Viewer;

/**
 * The deal figures of a {@link Dashboard}.
 *
 * @param partnerId only this partner's deals; honoured for vendor staff, a partner always sees its own
 */
public record FindDashboard(Viewer viewer, String partnerId) {
}
