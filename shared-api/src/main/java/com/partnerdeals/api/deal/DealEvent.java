package com.partnerdeals.api.deal;

/** An event of one deal; every deal event names its deal. */
public interface DealEvent {

    String dealId();
}
