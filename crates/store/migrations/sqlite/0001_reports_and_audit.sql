-- Reports and the append-only audit trail.

-- One row per version of a report. A changed record with the same `ref` adds a version and
-- clears `current` on the one before; both stay. `raw` is the line as received; `entities` holds
-- the report's persons, locations, phones, vehicles and links, each raw value beside its
-- normalised form (model::Entities as JSON).
CREATE TABLE reports (
    id            INTEGER PRIMARY KEY,
    ref           TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    current       INTEGER NOT NULL CHECK (current IN (0, 1)),
    content_hash  TEXT    NOT NULL,
    received      TEXT    NOT NULL,
    source_type   TEXT    NOT NULL,
    source_org    TEXT,
    grading_source TEXT   NOT NULL,
    grading_intel TEXT    NOT NULL,
    handling      TEXT    NOT NULL CHECK (handling IN ('P', 'C')),
    conditions    TEXT,
    crime_types   TEXT    NOT NULL,
    area          TEXT,
    body          TEXT    NOT NULL,
    raw           TEXT    NOT NULL,
    entities      TEXT    NOT NULL,
    mention_count INTEGER NOT NULL,
    link_count    INTEGER NOT NULL,
    ingest_id     INTEGER NOT NULL,
    ingested_at   TEXT    NOT NULL,
    CHECK (handling = 'P' OR conditions IS NOT NULL)
);
CREATE UNIQUE INDEX reports_ref_version ON reports (ref, version);
CREATE UNIQUE INDEX reports_one_current ON reports (ref) WHERE current = 1;

-- Append-only and hash-chained: each entry's hash covers the one before it.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    reason    TEXT,
    subject   TEXT,
    details   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
