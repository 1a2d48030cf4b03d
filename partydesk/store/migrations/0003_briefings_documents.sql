-- 0003: briefing conferences (hội nghị giao ban, domain §6), the outgoing document register
-- (sổ đăng ký văn bản đi, §3.3), the office's own committee terms, the editable holiday table,
-- and the done/snoozed marks of the due list. Dates are ISO text, times 'HH:MM'.

-- The organisations' briefing cluster (cụm giao ban): sittings can be split by it.
ALTER TABLE organisations ADD COLUMN cluster TEXT NOT NULL DEFAULT '';

-- The supervising committee's own terms. The office's documents are numbered from 01 per kind
-- through one term; the term in force on a date is the last one starting on or before it.
CREATE TABLE office_terms (
    id        INTEGER PRIMARY KEY,
    label     TEXT NOT NULL,
    starts_on TEXT NOT NULL UNIQUE,
    notes     TEXT NOT NULL DEFAULT ''
);

-- Holidays per year. A year listed in holiday_years uses exactly its stored rows; any other year
-- uses the default table of the `holidays` package. kind: NGHI (day off) or LAM_BU (a weekend
-- day worked in exchange).
CREATE TABLE holiday_years (
    year      INTEGER PRIMARY KEY,
    edited_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
);
CREATE TABLE holidays (
    day  TEXT PRIMARY KEY,
    year INTEGER NOT NULL REFERENCES holiday_years (year) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('NGHI', 'LAM_BU')),
    name TEXT NOT NULL DEFAULT '',
    CHECK (CAST(substr(day, 1, 4) AS INTEGER) = year)
);

-- The outgoing document register. One line per number ever given; lines are never deleted and
-- a number is never given twice for the same issuer, kind and term. A cancelled line keeps its
-- number and the reason. `source` names what was printed (e.g. 'briefing:3:GM:org:12'), so a
-- reprint finds the number it already took.
CREATE TABLE outgoing_documents (
    id                  INTEGER PRIMARY KEY,
    issuer_key          TEXT NOT NULL,      -- 'office' or 'org:<organisation id>'
    organisation_id     INTEGER REFERENCES organisations (id),
    issuer_name         TEXT NOT NULL,
    issuer_abbreviation TEXT NOT NULL,
    term_key            TEXT NOT NULL,      -- 'office-term:<id>', 'term:<id>' or 'none'
    term_label          TEXT NOT NULL DEFAULT '',
    kind                TEXT NOT NULL,
    number              INTEGER NOT NULL CHECK (number >= 1),
    issued_on           TEXT NOT NULL,
    summary             TEXT NOT NULL,
    signer              TEXT NOT NULL DEFAULT '',
    recipients          TEXT NOT NULL DEFAULT '',
    source              TEXT NOT NULL,
    cancelled_on        TEXT,
    cancel_reason       TEXT NOT NULL DEFAULT '',
    search_fold         TEXT NOT NULL DEFAULT '',  -- folded number, summary, recipients, signer
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    UNIQUE (issuer_key, term_key, kind, number),
    CHECK (cancelled_on IS NULL OR cancel_reason <> '')
);
CREATE UNIQUE INDEX outgoing_documents_source ON outgoing_documents (source)
    WHERE cancelled_on IS NULL;
CREATE INDEX outgoing_documents_issued ON outgoing_documents (issued_on);

CREATE TRIGGER outgoing_documents_no_delete BEFORE DELETE ON outgoing_documents
BEGIN
    SELECT RAISE(ABORT, 'outgoing document lines are never deleted');
END;
CREATE TRIGGER outgoing_documents_identity_fixed BEFORE UPDATE ON outgoing_documents
WHEN NEW.issuer_key IS NOT OLD.issuer_key OR NEW.term_key IS NOT OLD.term_key
    OR NEW.kind IS NOT OLD.kind OR NEW.number IS NOT OLD.number
    OR NEW.source IS NOT OLD.source OR NEW.issued_on IS NOT OLD.issued_on
    OR (OLD.cancelled_on IS NOT NULL AND (NEW.cancelled_on IS NOT OLD.cancelled_on
        OR NEW.cancel_reason IS NOT OLD.cancel_reason))
BEGIN
    SELECT RAISE(ABORT, 'outgoing document number, kind, date and cancellation are fixed');
END;

-- A briefing round: one per half-year. Its sittings are the dated meetings it is split into
-- (a single sitting when it is not split).
CREATE TABLE briefings (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    half            INTEGER NOT NULL CHECK (half IN (1, 2)),
    place           TEXT NOT NULL DEFAULT '',
    chair_name      TEXT NOT NULL DEFAULT '',
    chair_title     TEXT NOT NULL DEFAULT '',
    agenda          TEXT NOT NULL DEFAULT '',  -- one item per line
    reports_due_on  TEXT,                      -- the cells' six-month reports are due by then
    split_by        TEXT NOT NULL DEFAULT 'KHONG',
    held            INTEGER NOT NULL DEFAULT 0,
    opening         TEXT NOT NULL DEFAULT '',  -- biên bản: reasons and guests introduced
    report_summary  TEXT NOT NULL DEFAULT '',  -- biên bản: the committee's six-month report
    discussion      TEXT NOT NULL DEFAULT '',  -- biên bản: what the cells said
    conclusion      TEXT NOT NULL DEFAULT '',  -- the chair's conclusion (thông báo kết luận)
    secretary_name  TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    UNIQUE (year, half)
);

CREATE TABLE briefing_sittings (
    id          INTEGER PRIMARY KEY,
    briefing_id INTEGER NOT NULL REFERENCES briefings (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL DEFAULT '',  -- "Cụm 1", "Phường An Khánh", "Đ/c Nguyễn Văn A"
    on_date     TEXT NOT NULL,
    starts      TEXT,
    ends        TEXT,
    place       TEXT NOT NULL DEFAULT '',  -- blank: the round's place
    UNIQUE (briefing_id, position)
);

CREATE TABLE briefing_invitees (
    id                 INTEGER PRIMARY KEY,
    briefing_id        INTEGER NOT NULL REFERENCES briefings (id) ON DELETE CASCADE,
    sitting_id         INTEGER NOT NULL REFERENCES briefing_sittings (id) ON DELETE CASCADE,
    organisation_id    INTEGER NOT NULL REFERENCES organisations (id),
    position           INTEGER NOT NULL,
    attendee_name      TEXT NOT NULL DEFAULT '',
    attendee_position  TEXT NOT NULL DEFAULT '',
    attendance         TEXT NOT NULL DEFAULT 'CHUA_GHI',  -- CHUA_GHI / CO_MAT / VANG
    absence_reason     TEXT NOT NULL DEFAULT '',
    report_received_on TEXT,
    notes              TEXT NOT NULL DEFAULT '',
    UNIQUE (briefing_id, organisation_id)
);
CREATE INDEX briefing_invitees_organisation ON briefing_invitees (organisation_id);

-- Difficulties, problems and proposals raised by a cell at a round. An issue stays one row while
-- it is followed up: its status and answer change, and it shows again at later rounds until it
-- is resolved.
CREATE TABLE briefing_issues (
    id              INTEGER PRIMARY KEY,
    briefing_id     INTEGER NOT NULL REFERENCES briefings (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    position        INTEGER NOT NULL,
    kind            TEXT NOT NULL,                  -- KHO_KHAN / VUONG_MAC / KIEN_NGHI
    content         TEXT NOT NULL,
    responsible     TEXT NOT NULL DEFAULT '',
    answer          TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'MOI',    -- MOI / DANG_XU_LY / DA_TRA_LOI / DA_GIAI_QUYET
    due_on          TEXT,
    resolved_on     TEXT,
    CHECK (status <> 'DA_GIAI_QUYET' OR resolved_on IS NOT NULL)
);
CREATE INDEX briefing_issues_organisation ON briefing_issues (organisation_id, status);
CREATE INDEX briefing_issues_briefing ON briefing_issues (briefing_id);

-- What the office did with an item of the due list: done (XONG) or snoozed until a date (HOAN),
-- with a note. The key names the item (e.g. 'probation:<member id>:<end date>'), so a mark
-- follows the item and never hides a different one.
CREATE TABLE due_marks (
    key       TEXT PRIMARY KEY,
    state     TEXT NOT NULL CHECK (state IN ('XONG', 'HOAN')),
    until     TEXT,
    note      TEXT NOT NULL DEFAULT '',
    marked_on TEXT NOT NULL,
    CHECK (state = 'XONG' OR until IS NOT NULL)
);
