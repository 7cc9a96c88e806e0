package com.partnerdeals.api.deal;

/** The open stages first, then the closed ones; a withdrawn deal was registered by mistake (SPEC 12). */
public enum DealStage {
    NEW, NEWSLETTER_SUBSCRIPTION, TRIAL, CLOSED_WON, CLOSED_LOST, WITHDRAWN;

    public boolean isOpen() {
        return this != CLOSED_WON && this != CLOSED_LOST && this != WITHDRAWN;
    }
}
