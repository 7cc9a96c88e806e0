package com.partnerdeals.api.deal;

public enum ReviewStatus { PENDING, ACCEPTED, DENIED }
