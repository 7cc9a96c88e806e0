-- Crypto-shredding (SPEC 11): one key per data subject (a customer contact, a note), wrapped by the master key
-- from configuration. Erasing a subject deletes its key material and leaves the row: a tombstone, so that what the
-- key encrypted stays unreadable and the key is never silently re-created.
CREATE TABLE personal_data_key (
    key_id        VARCHAR(36)  PRIMARY KEY,  -- named in every value the key encrypted
    subject_hash  VARCHAR(64)  NOT NULL,     -- keyed hash of the subject: never the email in clear
    live_subject  VARCHAR(64),               -- subject_hash while the key is live: one live key per subject
    wrapped_key   BYTEA,                     -- AES-GCM under the master key; NULL once erased
    master_key_id VARCHAR(16),               -- fingerprint of the master key that wrapped it (for rotation)
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    erased_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uk_personal_data_key_live_subject UNIQUE (live_subject)
);
-- No other index: a key is read by id, a subject's live key by live_subject; erasing and rotating are rare.
