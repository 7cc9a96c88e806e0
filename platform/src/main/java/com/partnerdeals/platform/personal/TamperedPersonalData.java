package com.partnerdeals.platform.personal;

/**
 * A stored encrypted value, or a wrapped key, does not authenticate: it was altered, or belongs elsewhere. Reading
 * it fails loudly (a projection parks the event as a dead letter) rather than yielding garbage.
 */
public class TamperedPersonalData extends RuntimeException {

    TamperedPersonalData(String why) {
        super("Encrypted personal data does not authenticate: " + why);
    }
}
