-- What analysis finds in reports' free text: people, phones, registrations and addresses as
-- mentions of the report (under its `<ref>#` prefix), and exploitation indicators with the words
-- that triggered them. Derived data: `analyse` rewrites it.

CREATE TABLE text_mentions (
    mention    TEXT PRIMARY KEY,
    report_ref TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('person', 'location', 'phone', 'vehicle')),
    display    TEXT NOT NULL,
    data       TEXT NOT NULL
);
CREATE INDEX text_mentions_report ON text_mentions (report_ref);

CREATE TABLE text_indicators (
    report_ref TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    family     TEXT    NOT NULL,
    indicator  TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    quote      TEXT    NOT NULL,
    start_byte BIGINT  NOT NULL,
    end_byte   BIGINT  NOT NULL,
    confidence REAL    NOT NULL,
    hedged     INTEGER NOT NULL,
    triggers   TEXT    NOT NULL,
    PRIMARY KEY (report_ref, seq)
);
