package com.partnerdeals.api.deal;

import static com.partnerdeals.api.personal.PersonalData.Subject.NOTE;

import com.partnerdeals.api.personal.PersonalData;

/** {@code text} is personal data under the note's own key (SPEC 11): null once the note is redacted. */
public record DealNoteAdded(String dealId,
                            String noteId,
                            String author,
                            @PersonalData(subject = NOTE, keyedBy = {"dealId", "noteId"}) String text)
        implements PartnerAction {
}
