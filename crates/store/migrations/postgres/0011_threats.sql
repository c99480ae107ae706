-- The threat master list: every detected group, and every person or deal line an analyst
-- promoted, with its MoRiLE-shaped harm assessment. `threats` is derived data, rewritten by
-- `analyse`; `threat_harm` keeps each threat's score whenever it changed, so a rise can be
-- shown; `threat_promotions` are analysts' decisions, never deleted, only withdrawn.

CREATE TABLE threats (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    subject        TEXT NOT NULL,
    label          TEXT NOT NULL,
    crime_types    TEXT NOT NULL,
    score          DOUBLE PRECISION NOT NULL,
    harm_rank      BIGINT NOT NULL,
    confidence     TEXT NOT NULL,
    reasons        TEXT NOT NULL,
    harm           TEXT NOT NULL,
    reports        TEXT NOT NULL,
    assessed_at    TEXT NOT NULL
);
CREATE INDEX threats_rank ON threats (harm_rank);

CREATE TABLE threat_harm (
    threat_id   TEXT NOT NULL,
    assessed_at TEXT NOT NULL,
    score       DOUBLE PRECISION NOT NULL,
    harm_rank   BIGINT NOT NULL,
    PRIMARY KEY (threat_id, assessed_at)
);

CREATE TABLE threat_promotions (
    id           BIGINT PRIMARY KEY,
    kind         TEXT NOT NULL,
    subject      TEXT NOT NULL,
    reason       TEXT NOT NULL,
    promoted_by  TEXT NOT NULL,
    promoted_at  TEXT NOT NULL,
    withdrawn_by TEXT,
    withdrawn_at TEXT,
    withdrawn_reason TEXT
);
CREATE INDEX threat_promotions_subject ON threat_promotions (kind, subject);
