-- Customer accounts (trials and subscriptions): the command side's lookups and the customer overview.
-- One script for PostgreSQL and for H2 in PostgreSQL mode.

-- Command side ----------------------------------------------------------------------------------------

-- The directory also serves the expiry check (trials ended by now) and won deals (the deal's account).
ALTER TABLE customer_account_directory ADD COLUMN deal_id VARCHAR(64);
ALTER TABLE customer_account_directory ADD COLUMN partner_id VARCHAR(64);
ALTER TABLE customer_account_directory ADD COLUMN trial_ends_at TIMESTAMP WITH TIME ZONE;
-- One account per deal (NULLs, accounts without a deal, do not collide).
CREATE UNIQUE INDEX ux_customer_account_directory_deal ON customer_account_directory (deal_id);
CREATE INDEX ix_customer_account_directory_trial_end ON customer_account_directory (status, trial_ends_at);

-- Every activity id an account has recorded: the primary key makes each activity count once, also when a
-- batch is retried concurrently.
CREATE TABLE customer_activity_ledger (
    customer_id VARCHAR(64)  NOT NULL,
    activity_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (customer_id, activity_id)
);

-- Read model: the customer overview (processing group customer-overview) -------------------------------

-- One row per account. status is as of the last event; a trial whose end has passed is shown CLOSED at
-- request time even before its TrialExpired is recorded. Time-dependent columns (attention items,
-- activities in the window) are evaluated with "now" at request time.
CREATE TABLE customer_overview (
    customer_id          VARCHAR(64)  PRIMARY KEY,
    partner_id           VARCHAR(64)  NOT NULL,
    deal_id              VARCHAR(64),
    company_name         VARCHAR(200) NOT NULL,
    company_name_key     VARCHAR(200) NOT NULL, -- lower-case: sorting and search
    domain               VARCHAR(255) NOT NULL,
    status               VARCHAR(16)  NOT NULL, -- TRIAL | ACTIVE | CLOSED
    started_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    trial_ends_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    subscribed_at        TIMESTAMP WITH TIME ZONE,
    extension_requested  BOOLEAN      NOT NULL,
    main_framework       VARCHAR(100),
    framework_progress   INTEGER,
    users                INTEGER,
    last_activity_at     TIMESTAMP WITH TIME ZONE,
    -- Sort key for "activitiesLast90Days" over large sets: the activities after the window's start as of
    -- the last activity or refresh; exact counts for the returned rows come from customer_overview_activity.
    activities_in_window BIGINT       NOT NULL,
    window_oldest_at     TIMESTAMP WITH TIME ZONE -- oldest activity counted in activities_in_window
);
CREATE INDEX ix_customer_overview_partner_name ON customer_overview (partner_id, company_name_key, customer_id);
CREATE INDEX ix_customer_overview_name ON customer_overview (company_name_key, customer_id);
CREATE INDEX ix_customer_overview_trial_end ON customer_overview (trial_ends_at);
CREATE INDEX ix_customer_overview_window_oldest ON customer_overview (window_oldest_at);

-- Whether a deal with a trial account is still open (TRIAL_ENDED_UNDECIDED). Kept apart from the account
-- rows so that deal events and account events can be handled in any order relative to each other.
CREATE TABLE customer_overview_deal (
    deal_id VARCHAR(64) PRIMARY KEY,
    is_open BOOLEAN     NOT NULL
);

-- The accounts' activities, for exact counts in (now - 90 days, now]. The key leads with (customer,
-- time), so it also serves the range count; activity ids are unique per account on the command side.
CREATE TABLE customer_overview_activity (
    customer_id VARCHAR(64)              NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    activity_id VARCHAR(128)             NOT NULL,
    PRIMARY KEY (customer_id, occurred_at, activity_id)
);
