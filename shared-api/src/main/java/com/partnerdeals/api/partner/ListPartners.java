package com.partnerdeals.api.partner;

import com.partnerdeals.api.common.Viewer;

public record ListPartners(Viewer viewer) {
}
