-- Which recording inserted each ledger row, so a batch can tell its new activities from repeats by reading
-- back its own rows (batched inserts do not report per-row counts once the driver rewrites them).
ALTER TABLE customer_activity_ledger ADD COLUMN recorded_by VARCHAR(36);
