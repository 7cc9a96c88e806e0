-- Command-side lookup tables for the rules that span aggregates. They are written by a subscribing
-- processor in the same transaction as the events they follow, so a rule checked against them cannot be
-- raced past: the UNIQUE constraints turn a race into a refused command.

-- Registered partners: their own email domains (CONTACT_IS_PARTNER), commission rate in force, activity.
CREATE TABLE partner_directory (
    partner_id      VARCHAR(64)   PRIMARY KEY,
    domains         VARCHAR(4000) NOT NULL, -- space-separated, lower-case
    commission_rate NUMERIC(5, 4) NOT NULL,
    active          BOOLEAN       NOT NULL
);

-- Which deal protects which customer domain, for which partner, until when.
-- open_claim = '<partner_id> <domain>' while the deal is open and holds the partner's claim on the domain,
-- else NULL: the unique constraint allows one open, claiming deal per partner and domain.
CREATE TABLE deal_domain_claim (
    deal_id         VARCHAR(64)  PRIMARY KEY,
    partner_id      VARCHAR(64)  NOT NULL,
    domain          VARCHAR(255) NOT NULL,
    open_claim      VARCHAR(330),
    is_open         BOOLEAN      NOT NULL,
    won             BOOLEAN      NOT NULL,
    protected_until TIMESTAMP WITH TIME ZONE, -- NULL once won: a won deal protects for good
    CONSTRAINT uk_deal_domain_open_claim UNIQUE (open_claim)
);
CREATE INDEX ix_deal_domain_claim_domain ON deal_domain_claim (domain);

-- Customer accounts by domain, for the EXISTING_CUSTOMER flag (status TRIAL | ACTIVE | CLOSED).
CREATE TABLE customer_account_directory (
    customer_id VARCHAR(64)  PRIMARY KEY,
    domain      VARCHAR(255) NOT NULL,
    status      VARCHAR(16)  NOT NULL
);
CREATE INDEX ix_customer_account_directory_domain ON customer_account_directory (domain);
