package com.partnerdeals.api.deal;

/**
 * A deal event that counts as the partner's action on the deal (SPEC 4.4): it renews the deal's protection
 * of its customer domain for another protection period, whoever performed it.
 */
public interface PartnerAction extends DealEvent {
}
