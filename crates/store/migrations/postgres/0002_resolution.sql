-- Entity resolution: the models trained, each person mention's resolved person, the objects
-- (phones, vehicles, places) resolved by key, analysts' decisions, and analysis bookkeeping.
-- Times are RFC 3339 UTC text, as in the audit trail.

CREATE TABLE resolution_models (
    id         BIGINT PRIMARY KEY,
    trained_at TEXT   NOT NULL,
    model      TEXT   NOT NULL,
    report     TEXT   NOT NULL
);

-- Derived data: rewritten by `analyse`, never a source of truth.
CREATE TABLE resolved_persons (
    mention   TEXT PRIMARY KEY,
    person_id TEXT NOT NULL,
    component TEXT NOT NULL
);
CREATE INDEX resolved_persons_person ON resolved_persons (person_id);

CREATE TABLE resolved_objects (
    mention   TEXT PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('location', 'phone', 'vehicle')),
    entity_id TEXT NOT NULL
);
CREATE INDEX resolved_objects_entity ON resolved_objects (entity_id);

-- Analysts' decisions: never deleted, only revoked, so that every change can be traced.
CREATE TABLE resolution_decisions (
    id            BIGINT PRIMARY KEY,
    kind          TEXT   NOT NULL CHECK (kind IN ('same', 'different')),
    mention_a     TEXT   NOT NULL,
    mention_b     TEXT   NOT NULL,
    actor         TEXT   NOT NULL,
    reason        TEXT   NOT NULL,
    at            TEXT   NOT NULL,
    revoked_at    TEXT,
    revoked_by    TEXT,
    revoke_reason TEXT
);

CREATE TABLE analysis_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
