-- Lead responsible officers and the work against threats: officers with their skills, training
-- and mentoring; who leads on which threat (allocations, ended rather than deleted); 4P plans
-- with their actions and reviews; disruptions with their assessed impact; outcomes. Threats are
-- known here only by their id on the master list (`threat_id`). Every change is also audited.

CREATE TABLE officers (
    id         BIGINT PRIMARY KEY,
    name       TEXT   NOT NULL,
    rank       TEXT   NOT NULL,
    team       TEXT   NOT NULL,
    -- JSON array of skill area ids.
    skills     TEXT   NOT NULL,
    capacity   BIGINT NOT NULL,
    active     BIGINT NOT NULL,
    username   TEXT,
    created_at TEXT   NOT NULL,
    updated_at TEXT   NOT NULL
);

CREATE TABLE officer_training (
    id           BIGINT PRIMARY KEY,
    officer_id   BIGINT NOT NULL REFERENCES officers (id),
    course       TEXT   NOT NULL,
    completed_on TEXT   NOT NULL,
    expires_on   TEXT,
    recorded_by  TEXT   NOT NULL,
    recorded_at  TEXT   NOT NULL
);
CREATE INDEX officer_training_officer ON officer_training (officer_id);

CREATE TABLE mentoring (
    id          BIGINT PRIMARY KEY,
    mentor_id   BIGINT NOT NULL REFERENCES officers (id),
    mentee_id   BIGINT NOT NULL REFERENCES officers (id),
    started_on  TEXT   NOT NULL,
    ended_on    TEXT,
    recorded_by TEXT   NOT NULL,
    recorded_at TEXT   NOT NULL
);

CREATE TABLE mentoring_sessions (
    id           BIGINT PRIMARY KEY,
    mentoring_id BIGINT NOT NULL REFERENCES mentoring (id),
    held_on      TEXT   NOT NULL,
    note         TEXT   NOT NULL,
    recorded_by  TEXT   NOT NULL,
    recorded_at  TEXT   NOT NULL
);

CREATE TABLE lro_allocations (
    id          BIGINT PRIMARY KEY,
    threat_id   TEXT   NOT NULL,
    officer_id  BIGINT NOT NULL REFERENCES officers (id),
    started_at  TEXT   NOT NULL,
    ended_at    TEXT,
    -- `recommended` (accepted as recommended), `changed` (a governance lead chose otherwise)
    -- or `direct` (allocated without a recommendation).
    basis       TEXT   NOT NULL,
    decided_by  TEXT   NOT NULL,
    reason      TEXT   NOT NULL
);
CREATE INDEX lro_allocations_threat ON lro_allocations (threat_id);

CREATE TABLE plans (
    threat_id TEXT PRIMARY KEY,
    opened_on TEXT NOT NULL,
    opened_by TEXT NOT NULL,
    opened_at TEXT NOT NULL
);

CREATE TABLE plan_actions (
    id          BIGINT PRIMARY KEY,
    threat_id   TEXT   NOT NULL REFERENCES plans (threat_id),
    strand      TEXT   NOT NULL,
    description TEXT   NOT NULL,
    owner       TEXT   NOT NULL,
    due_on      TEXT   NOT NULL,
    status      TEXT   NOT NULL,
    created_by  TEXT   NOT NULL,
    created_at  TEXT   NOT NULL,
    updated_by  TEXT   NOT NULL,
    updated_at  TEXT   NOT NULL
);
CREATE INDEX plan_actions_threat ON plan_actions (threat_id);

CREATE TABLE plan_reviews (
    id             BIGINT PRIMARY KEY,
    threat_id      TEXT   NOT NULL REFERENCES plans (threat_id),
    held_on        TEXT   NOT NULL,
    next_review_on TEXT   NOT NULL,
    note           TEXT   NOT NULL,
    recorded_by    TEXT   NOT NULL,
    recorded_at    TEXT   NOT NULL
);
CREATE INDEX plan_reviews_threat ON plan_reviews (threat_id);

CREATE TABLE disruptions (
    id          BIGINT PRIMARY KEY,
    threat_id   TEXT   NOT NULL,
    occurred_on TEXT   NOT NULL,
    strand      TEXT   NOT NULL,
    impact      TEXT   NOT NULL,
    assessor    TEXT   NOT NULL,
    rationale   TEXT   NOT NULL,
    operation   TEXT,
    recorded_by TEXT   NOT NULL,
    recorded_at TEXT   NOT NULL
);
CREATE INDEX disruptions_threat ON disruptions (threat_id);

CREATE TABLE outcomes (
    id               BIGINT PRIMARY KEY,
    threat_id        TEXT   NOT NULL,
    operation        TEXT,
    occurred_on      TEXT   NOT NULL,
    arrests          BIGINT NOT NULL,
    charges          BIGINT NOT NULL,
    convictions      BIGINT NOT NULL,
    custody_months   BIGINT NOT NULL,
    drugs_grams      BIGINT NOT NULL,
    weapons          BIGINT NOT NULL,
    phones           BIGINT NOT NULL,
    cash_pence       BIGINT NOT NULL,
    lines_closed     BIGINT NOT NULL,
    cuckooed_visited BIGINT NOT NULL,
    referrals        BIGINT NOT NULL,
    note             TEXT   NOT NULL,
    recorded_by      TEXT   NOT NULL,
    recorded_at      TEXT   NOT NULL
);
CREATE INDEX outcomes_threat ON outcomes (threat_id);
