-- 0004: the annual evaluation and classification (kiểm điểm, đánh giá, xếp loại chất lượng,
-- domain §2, §8.4). Levels are HTXSNV / HTTNV / HTNV / KHTNV; scores are out of 100.

-- An office's adjustment of a built-in rule set, stored whole as JSON (domain/rule_sets.py).
-- Every change keeps the text before and after and the reason, and is never deleted.
CREATE TABLE evaluation_rule_sets (
    code       TEXT PRIMARY KEY,
    config     TEXT NOT NULL,
    changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
);
CREATE TABLE evaluation_rule_changes (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL,
    changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    reason     TEXT NOT NULL CHECK (reason <> ''),
    before     TEXT NOT NULL,
    after      TEXT NOT NULL
);
CREATE TRIGGER evaluation_rule_changes_keep_update BEFORE UPDATE ON evaluation_rule_changes
BEGIN
    SELECT RAISE(ABORT, 'evaluation rule changes are a permanent record');
END;
CREATE TRIGGER evaluation_rule_changes_keep_delete BEFORE DELETE ON evaluation_rule_changes
BEGIN
    SELECT RAISE(ABORT, 'evaluation rule changes are a permanent record');
END;

-- One cycle per evaluated year. While open it follows the office's current rule set; closing
-- it stores the rule set it was decided under (rules_snapshot) and locks its rows.
CREATE TABLE evaluation_cycles (
    id                INTEGER PRIMARY KEY,
    year              INTEGER NOT NULL UNIQUE,
    rule_set_code     TEXT NOT NULL,
    rules_snapshot    TEXT,
    reference_date    TEXT NOT NULL,
    opened_on         TEXT NOT NULL,
    guidance          TEXT NOT NULL DEFAULT '',
    member_deadline   TEXT,
    cell_deadline     TEXT,
    decision_deadline TEXT,
    closed_on         TEXT,
    notes             TEXT NOT NULL DEFAULT '',
    CHECK (closed_on IS NULL OR rules_snapshot IS NOT NULL)
);

-- One row per member on the roll of the cycle, evaluated or not (exclusion names why not).
CREATE TABLE member_evaluations (
    cycle_id             INTEGER NOT NULL REFERENCES evaluation_cycles (id) ON DELETE CASCADE,
    member_id            INTEGER NOT NULL REFERENCES members (id),
    organisation_id      INTEGER NOT NULL REFERENCES organisations (id),
    base_organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    form                 TEXT NOT NULL CHECK (form IN ('A', 'B', 'C')),
    full_name            TEXT NOT NULL DEFAULT '',
    exclusion            TEXT CHECK (exclusion IN ('MIEN_SH', 'DINH_CHI', 'MOI_KET_NAP', 'SHT_DEN')),
    exclusion_note       TEXT NOT NULL DEFAULT '',
    probationary         INTEGER NOT NULL DEFAULT 0 CHECK (probationary IN (0, 1)),
    is_leader            INTEGER NOT NULL DEFAULT 0 CHECK (is_leader IN (0, 1)),
    discipline           TEXT CHECK (discipline IN ('KHIEN_TRACH', 'CANH_CAO', 'CACH_CHUC')),
    discipline_note      TEXT NOT NULL DEFAULT '',
    self_score           REAL CHECK (self_score BETWEEN 0 AND 100),
    self_level           TEXT CHECK (self_level IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
    self_on              TEXT,
    remarks              TEXT NOT NULL DEFAULT '',
    temp_remarks         TEXT NOT NULL DEFAULT '',
    proposed_level       TEXT CHECK (proposed_level IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
    vote_base            INTEGER CHECK (vote_base >= 0),
    votes_for            INTEGER CHECK (votes_for >= 0 AND votes_for <= vote_base),
    decided_level        TEXT CHECK (decided_level IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
    decided_score        REAL CHECK (decided_score BETWEEN 0 AND 100),
    notes                TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (cycle_id, member_id)
);
CREATE INDEX member_evaluations_org ON member_evaluations (cycle_id, organisation_id);
CREATE INDEX member_evaluations_member ON member_evaluations (member_id);

-- One row per organisation evaluated in the cycle.
CREATE TABLE org_evaluations (
    cycle_id               INTEGER NOT NULL REFERENCES evaluation_cycles (id) ON DELETE CASCADE,
    organisation_id        INTEGER NOT NULL REFERENCES organisations (id),
    kind                   TEXT NOT NULL,
    name                   TEXT NOT NULL DEFAULT '',
    parent_id              INTEGER REFERENCES organisations (id),
    enterprise_type        TEXT NOT NULL DEFAULT '',
    self_score             REAL CHECK (self_score BETWEEN 0 AND 100),
    self_level             TEXT CHECK (self_level IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
    report_on              TEXT,
    leadership_disciplined INTEGER NOT NULL DEFAULT 0 CHECK (leadership_disciplined IN (0, 1)),
    proposed_level         TEXT CHECK (proposed_level IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
    decided_level          TEXT CHECK (decided_level IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
    decided_score          REAL CHECK (decided_score BETWEEN 0 AND 100),
    decision_number        TEXT NOT NULL DEFAULT '',
    decision_date          TEXT,
    notes                  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (cycle_id, organisation_id)
);

-- A kept reason for a level a rule check objects to. subject: 'member:<id>', 'org:<id>' or
-- 'group:<key>'; rule: a RuleCode value.
CREATE TABLE evaluation_overrides (
    cycle_id    INTEGER NOT NULL REFERENCES evaluation_cycles (id) ON DELETE CASCADE,
    subject     TEXT NOT NULL,
    rule        TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (reason <> ''),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    PRIMARY KEY (cycle_id, subject, rule)
);

-- The counted ballots of one organisation (phiếu đánh giá, xếp loại đảng viên) and their tally.
CREATE TABLE evaluation_ballots (
    cycle_id        INTEGER NOT NULL REFERENCES evaluation_cycles (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    issued          INTEGER NOT NULL CHECK (issued >= 0),
    returned        INTEGER NOT NULL CHECK (returned BETWEEN 0 AND issued),
    invalid         INTEGER NOT NULL DEFAULT 0 CHECK (invalid BETWEEN 0 AND returned),
    counted_on      TEXT,
    counters        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (cycle_id, organisation_id)
);
CREATE TABLE evaluation_ballot_votes (
    cycle_id        INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL,
    member_id       INTEGER NOT NULL REFERENCES members (id),
    level           TEXT NOT NULL CHECK (level IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
    votes           INTEGER NOT NULL CHECK (votes >= 0),
    PRIMARY KEY (cycle_id, organisation_id, member_id, level),
    FOREIGN KEY (cycle_id, organisation_id)
        REFERENCES evaluation_ballots (cycle_id, organisation_id) ON DELETE CASCADE
);

-- A closed cycle is a finished record: its rows no longer change (as approved minutes).
CREATE TRIGGER member_evaluations_closed_insert BEFORE INSERT ON member_evaluations
WHEN (SELECT closed_on FROM evaluation_cycles WHERE id = NEW.cycle_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'evaluation cycle is closed');
END;
CREATE TRIGGER member_evaluations_closed_update BEFORE UPDATE ON member_evaluations
WHEN (SELECT closed_on FROM evaluation_cycles WHERE id = OLD.cycle_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'evaluation cycle is closed');
END;
CREATE TRIGGER member_evaluations_closed_delete BEFORE DELETE ON member_evaluations
WHEN (SELECT closed_on FROM evaluation_cycles WHERE id = OLD.cycle_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'evaluation cycle is closed');
END;
CREATE TRIGGER org_evaluations_closed_insert BEFORE INSERT ON org_evaluations
WHEN (SELECT closed_on FROM evaluation_cycles WHERE id = NEW.cycle_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'evaluation cycle is closed');
END;
CREATE TRIGGER org_evaluations_closed_update BEFORE UPDATE ON org_evaluations
WHEN (SELECT closed_on FROM evaluation_cycles WHERE id = OLD.cycle_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'evaluation cycle is closed');
END;
CREATE TRIGGER org_evaluations_closed_delete BEFORE DELETE ON org_evaluations
WHEN (SELECT closed_on FROM evaluation_cycles WHERE id = OLD.cycle_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'evaluation cycle is closed');
END;
CREATE TRIGGER evaluation_overrides_closed BEFORE INSERT ON evaluation_overrides
WHEN (SELECT closed_on FROM evaluation_cycles WHERE id = NEW.cycle_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'evaluation cycle is closed');
END;
CREATE TRIGGER evaluation_ballots_closed BEFORE INSERT ON evaluation_ballot_votes
WHEN (SELECT closed_on FROM evaluation_cycles WHERE id = NEW.cycle_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'evaluation cycle is closed');
END;
-- Deleting a closed cycle would delete its rows through the cascade: refused the same way.
CREATE TRIGGER evaluation_cycles_closed_delete BEFORE DELETE ON evaluation_cycles
WHEN OLD.closed_on IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'evaluation cycle is closed');
END;
