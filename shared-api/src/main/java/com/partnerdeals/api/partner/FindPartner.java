package com.partnerdeals.api.partner;

import com.partnerdeals.api.common.Viewer;

public record FindPartner(String partnerId, Viewer viewer) {
}
