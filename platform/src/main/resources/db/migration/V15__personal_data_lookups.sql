-- Personal data (SPEC 11). Which deals hold which customer contact, by a keyed hash of the email (the email is
-- never stored outside the encrypted events and the read models that show it), so an erasure can find them.
CREATE TABLE deal_contact (
    deal_id      VARCHAR(64) PRIMARY KEY,
    contact_hash VARCHAR(64) NOT NULL,
    erased       BOOLEAN     NOT NULL
);
CREATE INDEX ix_deal_contact_hash ON deal_contact (contact_hash);

-- An erased contact's name and email, and a redacted note's text, read as null.
ALTER TABLE deal_view ALTER COLUMN contact_name DROP NOT NULL;
ALTER TABLE deal_view ALTER COLUMN contact_email DROP NOT NULL;
ALTER TABLE deal_view_note ALTER COLUMN note_text DROP NOT NULL;
