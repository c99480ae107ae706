-- Each resolved person's profile: what pages show of them without reading every report again.
-- Derived data, rewritten by `analyse`. `shareable_name` is the name as recorded in a
-- `P`-coded report (what a partner may be shown), or NULL when only conditional reports name
-- them; `names`, `dobs` and `roles` are JSON.

CREATE TABLE person_profiles (
    person_id      TEXT    PRIMARY KEY,
    display_name   TEXT    NOT NULL,
    shareable_name TEXT,
    names          TEXT    NOT NULL,
    dobs           TEXT    NOT NULL,
    age_min        BIGINT,
    age_max        BIGINT,
    mentions       BIGINT  NOT NULL,
    reports        BIGINT  NOT NULL,
    first_seen     TEXT    NOT NULL,
    last_seen      TEXT    NOT NULL,
    roles          TEXT    NOT NULL
);

-- When a person was first flagged as possibly exploited (kept across analyses while they stay
-- flagged), so that the dashboard can say who is newly flagged.
ALTER TABLE vulnerabilities ADD COLUMN flagged_since TEXT;
