-- Accounts, sessions and API tokens for the web application, and the triage state of reports.
-- Times are RFC 3339 UTC text. Secrets are never stored: sessions and tokens by SHA-256 only.

CREATE TABLE users (
    id                  BIGINT PRIMARY KEY,
    username            TEXT   NOT NULL UNIQUE,
    display_name        TEXT   NOT NULL,
    role                TEXT   NOT NULL,
    organisation        TEXT,
    password_hash       TEXT   NOT NULL,
    failed_attempts     INTEGER NOT NULL DEFAULT 0,
    locked_until        TEXT,
    disabled_at         TEXT,
    created_at          TEXT   NOT NULL,
    password_changed_at TEXT   NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT   PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    csrf_token TEXT   NOT NULL,
    created_at TEXT   NOT NULL,
    last_seen  TEXT   NOT NULL,
    expires_at TEXT   NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    token_hash TEXT   PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    name       TEXT   NOT NULL,
    created_at TEXT   NOT NULL,
    revoked_at TEXT
);

-- Where each report stands in triage, and who submitted it through the application.
CREATE TABLE report_workflow (
    ref          TEXT PRIMARY KEY,
    status       TEXT NOT NULL CHECK (status IN ('new', 'triaged', 'developed')),
    channel      TEXT NOT NULL CHECK (channel IN ('ingest', 'officer', 'partner', 'community')),
    submitted_by BIGINT,
    organisation TEXT,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT
);
CREATE INDEX report_workflow_status ON report_workflow (status);
CREATE INDEX report_workflow_submitter ON report_workflow (submitted_by);
