-- Reports, their entity mentions and links, and the append-only audit trail.

-- One row per version of a report. A changed record with the same `ref` adds a version and
-- clears `current` on the one before; both stay.
CREATE TABLE reports (
    id             BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ref            TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    current        BOOLEAN NOT NULL,
    content_hash   TEXT    NOT NULL,
    received       TIMESTAMPTZ NOT NULL,
    source_type    TEXT    NOT NULL,
    source_org     TEXT,
    grading_source TEXT    NOT NULL,
    grading_intel  TEXT    NOT NULL,
    handling       TEXT    NOT NULL CHECK (handling IN ('P', 'C')),
    conditions     TEXT,
    crime_types    TEXT    NOT NULL,
    area           TEXT,
    body           TEXT    NOT NULL,
    raw            TEXT    NOT NULL,
    ingest_id      BIGINT  NOT NULL,
    ingested_at    TIMESTAMPTZ NOT NULL,
    CHECK (handling = 'P' OR conditions IS NOT NULL)
);
CREATE UNIQUE INDEX reports_ref_version ON reports (ref, version);
CREATE UNIQUE INDEX reports_one_current ON reports (ref) WHERE current;

-- One row per entity of a report version: `data` holds the raw values beside their normalised
-- forms; `key` is the normalised identifier (E.164, registration, premises, folded name).
CREATE TABLE mentions (
    report_id BIGINT NOT NULL REFERENCES reports (id),
    local_id  TEXT   NOT NULL,
    kind      TEXT   NOT NULL CHECK (kind IN ('person', 'location', 'phone', 'vehicle')),
    origin    TEXT   NOT NULL DEFAULT 'structured',
    role      TEXT,
    key       TEXT,
    data      TEXT   NOT NULL,
    PRIMARY KEY (report_id, local_id)
);

CREATE TABLE links (
    report_id BIGINT  NOT NULL REFERENCES reports (id),
    seq       INTEGER NOT NULL,
    from_id   TEXT    NOT NULL,
    to_id     TEXT    NOT NULL,
    link_type TEXT    NOT NULL,
    PRIMARY KEY (report_id, seq)
);

-- Append-only and hash-chained: each entry's hash covers the one before it.
CREATE TABLE audit (
    id        BIGINT PRIMARY KEY,
    at        TEXT   NOT NULL,
    actor     TEXT   NOT NULL,
    action    TEXT   NOT NULL,
    reason    TEXT,
    subject   TEXT,
    details   TEXT   NOT NULL,
    prev_hash TEXT   NOT NULL,
    hash      TEXT   NOT NULL
);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$$;

CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
