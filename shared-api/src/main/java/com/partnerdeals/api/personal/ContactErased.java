package com.partnerdeals.api.personal;

import java.util.List;

/**
 * A customer contact's personal data was erased: its key is gone, so every event that held the contact's name or
 * email reads back without them. The audit trail names who asked (the event's actor) and why, never the email.
 */
public record ContactErased(String erasureId,
                            String contactHash,
                            String reason,
                            List<String> dealIds,
                            List<String> customerAccountIds) {
}
