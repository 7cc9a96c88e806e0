package com.partnerdeals.api.deal;

public enum DenialReason { EXISTING_CUSTOMER, INVALID_LEAD, DUPLICATE, OTHER }
