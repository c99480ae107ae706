-- The groups the network finds — county lines, exploitation networks, organised crime groups —
-- and the network itself as `analyse` last left it. Derived data, rewritten by `analyse`.
--
-- Each group is kept in two visibilities: `full`, found from all the force's intelligence, and
-- `shareable`, found again from `P`-coded reports alone — what a partner may be shown. A
-- shareable group carries the id of the full group it is a view of. Crime types, reasons, deal
-- lines and objects are JSON; every report a group or member rests on is listed with its
-- handling code.

CREATE TABLE network_groups (
    id           TEXT   NOT NULL,
    visibility   TEXT   NOT NULL,
    group_key    TEXT   NOT NULL,
    kind         TEXT   NOT NULL,
    label        TEXT   NOT NULL,
    crime_types  TEXT   NOT NULL,
    reasons      TEXT   NOT NULL,
    deal_lines   TEXT   NOT NULL,
    objects      TEXT   NOT NULL,
    member_count BIGINT NOT NULL,
    PRIMARY KEY (id, visibility)
);

CREATE TABLE network_group_members (
    group_id   TEXT   NOT NULL,
    visibility TEXT   NOT NULL,
    person_id  TEXT   NOT NULL,
    role       TEXT   NOT NULL,
    reasons    TEXT   NOT NULL,
    -- JSON array of the refs of the group's reports that mention this member.
    reports    TEXT   NOT NULL,
    PRIMARY KEY (group_id, visibility, person_id)
);
CREATE INDEX network_group_members_person ON network_group_members (person_id, visibility);

CREATE TABLE network_group_reports (
    group_id   TEXT NOT NULL,
    visibility TEXT NOT NULL,
    report_ref TEXT NOT NULL,
    handling   TEXT NOT NULL,
    PRIMARY KEY (group_id, visibility, report_ref)
);
CREATE INDEX network_group_reports_report ON network_group_reports (report_ref);

-- The network as the last analysis left it (JSON, one row), so that the next one updates only
-- the parts that new reports touch.
CREATE TABLE network_snapshot (
    id         BIGINT PRIMARY KEY,
    created_at TEXT   NOT NULL,
    data       TEXT   NOT NULL
);
