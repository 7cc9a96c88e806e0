-- The deal desk (SPEC 12): auto-accept per partner, review deadlines, withdrawn deals, decision times.

ALTER TABLE partner_directory ADD COLUMN auto_accept BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE partner_view ADD COLUMN auto_accept BOOLEAN DEFAULT FALSE NOT NULL;

-- The command side's pending reviews, for the schedule that records DealReviewOverdue; a row goes when the deal is
-- decided, withdrawn or recorded overdue. The due time is registered_at plus portal.review.due-within, so a
-- changed setting applies to every pending deal.
CREATE TABLE deal_pending_review (
    deal_id       VARCHAR(64) PRIMARY KEY,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_deal_pending_review_registered_at ON deal_pending_review (registered_at);

-- Deals registered before this migration and still undecided, from the event store itself (payload types and
-- timestamps are stored in clear; Axon writes ISO-8601 instants).
INSERT INTO deal_pending_review (deal_id, registered_at)
SELECT registered.aggregate_identifier, CAST(registered.time_stamp AS TIMESTAMP WITH TIME ZONE)
FROM domain_event_entry registered
WHERE registered.payload_type = 'com.partnerdeals.api.deal.DealRegistered'
  AND NOT EXISTS (SELECT 1 FROM domain_event_entry decided
                  WHERE decided.aggregate_identifier = registered.aggregate_identifier
                    AND decided.payload_type IN ('com.partnerdeals.api.deal.DealAccepted',
                                                 'com.partnerdeals.api.deal.DealDenied'));

ALTER TABLE deal_view ADD COLUMN review_decided_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE deal_view ADD COLUMN decided_by VARCHAR(20);
ALTER TABLE deal_view ADD COLUMN withdrawal_reason VARCHAR(4000);
CREATE INDEX ix_deal_view_domain ON deal_view (domain);

-- The deal views are rebuilt from the events at the next start, so that the new columns hold what the stored
-- events say (decision times included); meanwhile the board fills up again from the first event.
DELETE FROM deal_view_note;
DELETE FROM deal_view;
DELETE FROM token_entry WHERE processor_name = 'deal-views';
