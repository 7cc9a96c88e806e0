-- The customer overview's tab counts (all, trial, active, closed, needsAttention) kept per partner, so a
-- manager's view over every account does not classify every row at each request. One script for
-- PostgreSQL and H2 in PostgreSQL mode.

-- How each account is counted in customer_overview_tab_count, as of its last count, and when that count
-- may stop being right: the next instant at which time alone changes its status or attention items, or
-- 1970-01-01 once the projection has changed the row (NULL: time alone no longer changes it). A request
-- recounts the rows that are due itself, so the counts are exact whether or not the scheduled recount has
-- caught up.
ALTER TABLE customer_overview ADD COLUMN counted_status VARCHAR(16); -- NULL: not counted yet
ALTER TABLE customer_overview ADD COLUMN counted_attention BOOLEAN;
ALTER TABLE customer_overview ADD COLUMN count_due_at TIMESTAMP WITH TIME ZONE
    DEFAULT TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00';
CREATE INDEX ix_customer_overview_count_due ON customer_overview (count_due_at);
-- A deal's closing or reopening changes TRIAL_ENDED_UNDECIDED of its account.
CREATE INDEX ix_customer_overview_deal ON customer_overview (deal_id);
-- A manager's page over all accounts sorted by most activity first.
CREATE INDEX ix_customer_overview_activity_sort
    ON customer_overview (activities_in_window DESC, company_name_key, customer_id);

CREATE TABLE customer_overview_tab_count (
    partner_id      VARCHAR(64) NOT NULL,
    status          VARCHAR(16) NOT NULL, -- TRIAL | ACTIVE | CLOSED, as counted
    needs_attention BOOLEAN     NOT NULL,
    accounts        BIGINT      NOT NULL,
    PRIMARY KEY (partner_id, status, needs_attention)
);
