-- Query-side processes announce themselves here every few seconds, so that they can share the
-- projections' segments fairly (see ProjectionWorkSharing). A node not seen for a while is gone.
CREATE TABLE query_node (
    node_id   VARCHAR(255) PRIMARY KEY,
    last_seen TIMESTAMP WITH TIME ZONE NOT NULL
);
