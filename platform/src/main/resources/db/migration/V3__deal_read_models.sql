-- Read models of the query side (partner-views and deal-views projections). Rebuildable: a replay empties
-- them and projects every event again. Rates are kept as the decimal text of the event ('0.20' stays
-- '0.20'; H2 and PostgreSQL would otherwise disagree on the scale of an unconstrained NUMERIC).

CREATE TABLE partner_view (
    partner_id      VARCHAR(64)   PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL,
    domains         VARCHAR(4000) NOT NULL, -- space-separated, sorted
    commission_rate VARCHAR(32)   NOT NULL,
    active          BOOLEAN       NOT NULL,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT        NOT NULL
);

-- One row per deal: the deal as its events left it (the query side's DealState).
CREATE TABLE deal_view (
    deal_id                VARCHAR(64)   PRIMARY KEY,
    partner_id             VARCHAR(64)   NOT NULL,
    company_name           VARCHAR(200)  NOT NULL,
    contact_name           VARCHAR(200)  NOT NULL,
    contact_email          VARCHAR(254)  NOT NULL,
    country                VARCHAR(2),
    domain                 VARCHAR(255)  NOT NULL,
    estimated_users        INTEGER,
    note                   VARCHAR(4000),
    flags                  VARCHAR(200)  NOT NULL, -- comma-separated DealFlag names, '' for none
    stage                  VARCHAR(32)   NOT NULL,
    review_status          VARCHAR(16)   NOT NULL,
    denial_reason          VARCHAR(32),
    denial_comment         VARCHAR(4000),
    customer_id            VARCHAR(64),
    billing_option         VARCHAR(32),
    annual_value           NUMERIC(19, 2),
    currency               VARCHAR(3),
    commission_rate        VARCHAR(32),
    commission_amount      NUMERIC(19, 2),
    settlement_type        VARCHAR(32),
    settlement_amount      NUMERIC(19, 2), -- payout to the partner, or invoice to the partner, per settlement_type
    close_lost_reason      VARCHAR(4000),
    registered_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_partner_action_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version                BIGINT        NOT NULL
);

-- The board: a partner's deals or everyone's, newest registration first; filters by stage and review.
CREATE INDEX ix_deal_view_partner_registered ON deal_view (partner_id, registered_at);
CREATE INDEX ix_deal_view_registered ON deal_view (registered_at);
CREATE INDEX ix_deal_view_stage ON deal_view (stage);
-- Also finds the deal waiting longest for review.
CREATE INDEX ix_deal_view_review_registered ON deal_view (review_status, registered_at);

CREATE TABLE deal_view_note (
    deal_id        VARCHAR(64)   NOT NULL,
    note_id        VARCHAR(64)   NOT NULL,
    event_sequence BIGINT        NOT NULL, -- the deal event that added it: the notes' order
    author         VARCHAR(255),
    note_text      VARCHAR(4000) NOT NULL,
    added_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (deal_id, note_id)
);
