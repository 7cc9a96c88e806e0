package com.partnerdeals.api.personal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text component of an event as personal data (SPEC 11): it is stored only encrypted, under the key of
 * its data subject, and reads back as {@code null} once that key is erased. Marking a component is all a new
 * event needs; the event serializer does the rest.
 *
 * <p>The subject's key is named by {@link #subject()} and the values of the components in {@link #keyedBy()}
 * (paths relative to the annotated record, lower-cased and joined): a customer contact by the email, a note by
 * the deal and note ids.
 */
@Target(ElementType.RECORD_COMPONENT)
@Retention(RetentionPolicy.RUNTIME)
public @interface PersonalData {

    /** Whose data it is: the kind of key that protects it. */
    Subject subject();

    /** The components whose values identify the subject, e.g. {@code "customer.contactEmail"}. */
    String[] keyedBy();

    /** Whether the value may be absent anyway; only a missing required value shows that data was erased. */
    boolean optional() default false;

    enum Subject {
        /** A customer contact, by the lower-cased email: erased on request (SPEC 11). */
        CONTACT,
        /** One note's text: redacted on request. */
        NOTE
    }
}
