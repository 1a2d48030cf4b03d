-- 0002: chi bộ meetings and their minutes (domain §1.4, §8.4), autosaved drafts of the form.
-- Times are 'HH:MM' text. The meeting's child rows are replaced as a whole when a draft is
-- saved; once a meeting is approved, triggers refuse any change to it or its rows except the
-- done-marking of its tasks and new addenda, so a bug in the program cannot rewrite minutes.

CREATE TABLE meetings (
    id                  INTEGER PRIMARY KEY,
    organisation_id     INTEGER NOT NULL REFERENCES organisations (id),
    on_date             TEXT NOT NULL,
    period_year         INTEGER NOT NULL,
    period_month        INTEGER NOT NULL CHECK (period_month BETWEEN 1 AND 12),
    kind                TEXT NOT NULL,
    topic               TEXT NOT NULL DEFAULT '',
    starts              TEXT,
    ends                TEXT,
    place               TEXT NOT NULL DEFAULT '',
    form                TEXT NOT NULL DEFAULT 'TRUC_TIEP',
    chair_member_id     INTEGER REFERENCES members (id),
    secretary_member_id INTEGER REFERENCES members (id),
    dues_collected      INTEGER CHECK (dues_collected IS NULL OR dues_collected >= 0),
    conclusion          TEXT NOT NULL DEFAULT '',
    quality_score       INTEGER CHECK (quality_score IS NULL OR quality_score BETWEEN 0 AND 100),
    minutes_read_at     TEXT,
    number              INTEGER,
    state               TEXT NOT NULL DEFAULT 'NHAP',
    approved_on         TEXT,
    override_reason     TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    CHECK (state = 'NHAP' OR approved_on IS NOT NULL)
);
CREATE INDEX meetings_organisation ON meetings (organisation_id, on_date);
CREATE INDEX meetings_period ON meetings (period_year, period_month);

CREATE TABLE meeting_roll (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    position   INTEGER NOT NULL,
    member_id  INTEGER NOT NULL REFERENCES members (id),
    full_name  TEXT NOT NULL,
    standing   TEXT NOT NULL,
    status     TEXT NOT NULL,
    presence   TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, position)
);
CREATE INDEX meeting_roll_member ON meeting_roll (member_id);

CREATE TABLE meeting_guests (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id),
    position    INTEGER NOT NULL,
    full_name   TEXT NOT NULL,
    job         TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL DEFAULT '',
    upper_level INTEGER NOT NULL DEFAULT 1,
    cadre_id    INTEGER REFERENCES cadres (id),
    PRIMARY KEY (meeting_id, position)
);
CREATE INDEX meeting_guests_cadre ON meeting_guests (cadre_id);

CREATE TABLE meeting_agenda (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    presenter  TEXT NOT NULL DEFAULT '',
    summary    TEXT NOT NULL DEFAULT '',
    conclusion TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, position)
);

CREATE TABLE meeting_opinions (
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id),
    agenda_position INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    speaker         TEXT NOT NULL DEFAULT '',
    text            TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, agenda_position, position)
);

CREATE TABLE meeting_votes (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    position   INTEGER NOT NULL,
    question   TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT 'THONG_THUONG',
    form       TEXT NOT NULL DEFAULT 'GIO_TAY',
    in_favour  INTEGER NOT NULL DEFAULT 0 CHECK (in_favour >= 0),
    against    INTEGER NOT NULL DEFAULT 0 CHECK (against >= 0),
    not_voting INTEGER NOT NULL DEFAULT 0 CHECK (not_voting >= 0),
    PRIMARY KEY (meeting_id, position)
);

CREATE TABLE meeting_tasks (
    id                 INTEGER PRIMARY KEY,
    meeting_id         INTEGER NOT NULL REFERENCES meetings (id),
    position           INTEGER NOT NULL,
    description        TEXT NOT NULL,
    assignee           TEXT NOT NULL DEFAULT '',
    assignee_member_id INTEGER REFERENCES members (id),
    due                TEXT,
    done_on            TEXT,
    done_note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_tasks_meeting ON meeting_tasks (meeting_id, position);
CREATE INDEX meeting_tasks_open ON meeting_tasks (done_on, meeting_id);

CREATE TABLE meeting_addenda (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    on_date    TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
);
CREATE INDEX meeting_addenda_meeting ON meeting_addenda (meeting_id, on_date);

-- The meeting form's unsaved content, written a few seconds after each change. One draft per
-- (meeting, organisation): meeting_id 0 is a new meeting not saved yet.
CREATE TABLE meeting_drafts (
    meeting_id      INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    payload         TEXT NOT NULL,
    saved_at        TEXT NOT NULL,
    PRIMARY KEY (meeting_id, organisation_id)
);

-- Approved minutes are locked (the rule also lives in the repository; this is the backstop).
CREATE TRIGGER meetings_locked_update BEFORE UPDATE ON meetings
WHEN OLD.state = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meetings_locked_delete BEFORE DELETE ON meetings
WHEN OLD.state = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_roll_locked_insert BEFORE INSERT ON meeting_roll
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_roll_locked_update BEFORE UPDATE ON meeting_roll
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_roll_locked_delete BEFORE DELETE ON meeting_roll
WHEN (SELECT state FROM meetings WHERE id = OLD.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_guests_locked_insert BEFORE INSERT ON meeting_guests
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_guests_locked_update BEFORE UPDATE ON meeting_guests
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_guests_locked_delete BEFORE DELETE ON meeting_guests
WHEN (SELECT state FROM meetings WHERE id = OLD.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_agenda_locked_insert BEFORE INSERT ON meeting_agenda
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_agenda_locked_update BEFORE UPDATE ON meeting_agenda
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_agenda_locked_delete BEFORE DELETE ON meeting_agenda
WHEN (SELECT state FROM meetings WHERE id = OLD.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_opinions_locked_insert BEFORE INSERT ON meeting_opinions
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_opinions_locked_update BEFORE UPDATE ON meeting_opinions
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_opinions_locked_delete BEFORE DELETE ON meeting_opinions
WHEN (SELECT state FROM meetings WHERE id = OLD.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_votes_locked_insert BEFORE INSERT ON meeting_votes
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_votes_locked_update BEFORE UPDATE ON meeting_votes
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_votes_locked_delete BEFORE DELETE ON meeting_votes
WHEN (SELECT state FROM meetings WHERE id = OLD.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
-- A task of approved minutes may only be marked done (or undone); what was assigned stays.
CREATE TRIGGER meeting_tasks_locked_insert BEFORE INSERT ON meeting_tasks
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_tasks_locked_delete BEFORE DELETE ON meeting_tasks
WHEN (SELECT state FROM meetings WHERE id = OLD.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
CREATE TRIGGER meeting_tasks_locked_update BEFORE UPDATE OF
    meeting_id, position, description, assignee, assignee_member_id, due ON meeting_tasks
WHEN (SELECT state FROM meetings WHERE id = OLD.meeting_id) = 'DA_THONG_QUA'
BEGIN
    SELECT RAISE(ABORT, 'meeting is approved and locked');
END;
