-- Each resolved person's vulnerability assessment: derived data, rewritten by `analyse`.
-- `assessment` holds the whole explained assessment (evidence, reasons, the weights' version).

CREATE TABLE vulnerabilities (
    person_id  TEXT    PRIMARY KEY,
    flagged    INTEGER NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    categories TEXT    NOT NULL,
    assessment TEXT    NOT NULL
);
CREATE INDEX vulnerabilities_flagged ON vulnerabilities (flagged);
