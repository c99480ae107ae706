-- Safeguarding referrals of people at risk, and each step they take. A referral keeps what it
-- shares with its recipient (`shared`, and the name and date of birth unless `anonymous`):
-- the recipient organisation's partner accounts see that, and nothing of the intelligence.

CREATE TABLE referrals (
    id           BIGINT  PRIMARY KEY,
    person_id    TEXT    NOT NULL,
    route        TEXT    NOT NULL,
    category     TEXT,
    recipient    TEXT    NOT NULL,
    child        BIGINT,
    consent      BIGINT  NOT NULL,
    anonymous    BIGINT  NOT NULL,
    subject_name TEXT,
    subject_dob  TEXT,
    shared       TEXT    NOT NULL,
    state        TEXT    NOT NULL,
    created_by   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX referrals_person ON referrals (person_id);
CREATE INDEX referrals_recipient ON referrals (recipient);

CREATE TABLE referral_steps (
    id          BIGINT  PRIMARY KEY,
    referral_id BIGINT  NOT NULL REFERENCES referrals (id),
    state       TEXT    NOT NULL,
    positive    BIGINT,
    at          TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL
);
CREATE INDEX referral_steps_referral ON referral_steps (referral_id);
