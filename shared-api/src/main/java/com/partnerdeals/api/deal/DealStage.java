package com.partnerdeals.api.deal;

public enum DealStage {
    NEW, NEWSLETTER_SUBSCRIPTION, TRIAL, CLOSED_WON, CLOSED_LOST;

    public boolean isOpen() {
        return this != CLOSED_WON && this != CLOSED_LOST;
    }
}
