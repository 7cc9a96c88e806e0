-- A batch reads back only the ledger rows it inserted itself; without this index that read walked every
-- activity the account ever recorded, on every batch.
CREATE INDEX ix_customer_activity_ledger_recording ON customer_activity_ledger (customer_id, recorded_by);
