-- 0001: the register — office settings, enterprises, Party organisations, terms, cadres, members.
-- Dates are ISO text (YYYY-MM-DD); booleans are 0/1. Every *_fold column is the accent-folded
-- search key and every *_sort column the Vietnamese collation key, both computed in Python
-- (partydesk.domain.text) and stored, never an expression index on a Python function.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE enterprises (
    id                       INTEGER PRIMARY KEY,
    name                     TEXT NOT NULL,
    name_fold                TEXT NOT NULL,
    name_sort                TEXT NOT NULL,
    tax_code                 TEXT NOT NULL DEFAULT '',
    type                     TEXT NOT NULL,
    sector                   TEXT NOT NULL DEFAULT '',
    address                  TEXT NOT NULL DEFAULT '',
    ward                     TEXT NOT NULL DEFAULT '',
    workforce                INTEGER CHECK (workforce IS NULL OR workforce >= 0),
    workforce_counted_on     TEXT,
    legal_representative     TEXT NOT NULL DEFAULT '',
    owner_is_member          INTEGER NOT NULL DEFAULT 0,
    trade_union              INTEGER NOT NULL DEFAULT 0,
    trade_union_members      INTEGER,
    youth_union              INTEGER NOT NULL DEFAULT 0,
    youth_union_members      INTEGER,
    women_union              INTEGER NOT NULL DEFAULT 0,
    women_union_members      INTEGER,
    party_members_working    INTEGER,
    official_members_working INTEGER,
    status                   TEXT NOT NULL DEFAULT 'HOAT_DONG',
    ended_on                 TEXT,
    notes                    TEXT NOT NULL DEFAULT '',
    created_at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    updated_at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
);
CREATE UNIQUE INDEX enterprises_tax_code ON enterprises (tax_code) WHERE tax_code <> '';
CREATE INDEX enterprises_name_sort ON enterprises (name_sort);

CREATE TABLE organisations (
    id                         INTEGER PRIMARY KEY,
    name                       TEXT NOT NULL,
    name_fold                  TEXT NOT NULL,
    name_sort                  TEXT NOT NULL,
    header_name                TEXT NOT NULL DEFAULT '',
    abbreviation               TEXT NOT NULL DEFAULT '',
    kind                       TEXT NOT NULL,
    parent_id                  INTEGER REFERENCES organisations (id),
    founded_on                 TEXT,
    founding_decision          TEXT NOT NULL DEFAULT '',
    ended_on                   TEXT,
    end_reason                 TEXT,
    end_decision               TEXT NOT NULL DEFAULT '',
    merged_into_id             INTEGER REFERENCES organisations (id),
    meeting_interval_months    INTEGER NOT NULL DEFAULT 1 CHECK (meeting_interval_months >= 1),
    meeting_exception_decision TEXT NOT NULL DEFAULT '',
    size_exception_decision    TEXT NOT NULL DEFAULT '',
    address                    TEXT NOT NULL DEFAULT '',
    phone                      TEXT NOT NULL DEFAULT '',
    notes                      TEXT NOT NULL DEFAULT '',
    created_at                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    updated_at                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    CHECK (meeting_interval_months = 1 OR meeting_exception_decision <> '')
);
CREATE INDEX organisations_name_sort ON organisations (name_sort);
CREATE INDEX organisations_parent ON organisations (parent_id);

CREATE TABLE organisation_enterprises (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises (id),
    is_primary      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (organisation_id, enterprise_id)
);
CREATE INDEX organisation_enterprises_enterprise ON organisation_enterprises (enterprise_id);

CREATE TABLE members (
    id                        INTEGER PRIMARY KEY,
    full_name                 TEXT NOT NULL,
    name_fold                 TEXT NOT NULL,
    name_sort                 TEXT NOT NULL,
    search_fold               TEXT NOT NULL,
    birth_name                TEXT NOT NULL DEFAULT '',
    birth_date                TEXT,
    gender                    TEXT,
    ethnicity                 TEXT NOT NULL DEFAULT '',
    religion                  TEXT NOT NULL DEFAULT '',
    cccd                      TEXT NOT NULL DEFAULT '',
    hometown                  TEXT NOT NULL DEFAULT '',
    residence                 TEXT NOT NULL DEFAULT '',
    phone                     TEXT NOT NULL DEFAULT '',
    email                     TEXT NOT NULL DEFAULT '',
    education                 TEXT NOT NULL DEFAULT '',
    expertise                 TEXT NOT NULL DEFAULT '',
    political_theory          TEXT NOT NULL DEFAULT '',
    occupation_before         TEXT NOT NULL DEFAULT '',
    card_number               TEXT NOT NULL DEFAULT '',
    dossier_number            TEXT NOT NULL DEFAULT '',
    enterprise_id             INTEGER REFERENCES enterprises (id),
    job_title                 TEXT NOT NULL DEFAULT '',
    is_owner                  INTEGER NOT NULL DEFAULT 0,
    is_manager                INTEGER NOT NULL DEFAULT 0,
    in_political_system       INTEGER NOT NULL DEFAULT 0,
    admission_decision_date   TEXT,
    admission_decision_number TEXT NOT NULL DEFAULT '',
    ceremony_date             TEXT,
    official_date             TEXT,
    official_decision_number  TEXT NOT NULL DEFAULT '',
    organisation_id           INTEGER REFERENCES organisations (id),
    standing                  TEXT NOT NULL DEFAULT 'DU_BI',
    status                    TEXT NOT NULL DEFAULT 'DANG_SINH_HOAT',
    status_until              TEXT,
    notes                     TEXT NOT NULL DEFAULT '',
    created_at                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    updated_at                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
);
CREATE INDEX members_name_sort ON members (name_sort);
CREATE INDEX members_organisation ON members (organisation_id, status);
CREATE INDEX members_enterprise ON members (enterprise_id);
CREATE INDEX members_status ON members (status, name_sort);
CREATE UNIQUE INDEX members_cccd ON members (cccd) WHERE cccd <> '';
CREATE UNIQUE INDEX members_card_number ON members (card_number) WHERE card_number <> '';

-- Maintained by partydesk.store.members in the same transaction as the member row: FTS5 tables
-- cannot be written from triggers while PRAGMA trusted_schema is OFF (reliability §1.8).
CREATE VIRTUAL TABLE members_fts USING fts5 (search_fold, tokenize = 'unicode61');

CREATE TABLE member_events (
    id                 INTEGER PRIMARY KEY,
    member_id          INTEGER NOT NULL REFERENCES members (id),
    kind               TEXT NOT NULL,
    on_date            TEXT NOT NULL,
    decision_number    TEXT NOT NULL DEFAULT '',
    other_organisation TEXT NOT NULL DEFAULT '',
    to_organisation_id INTEGER REFERENCES organisations (id),
    until              TEXT,
    note               TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
);
CREATE INDEX member_events_member ON member_events (member_id, on_date);

CREATE TABLE terms (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    label           TEXT NOT NULL,
    starts_on       TEXT NOT NULL,
    ends_on         TEXT,
    congress_on     TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX terms_organisation ON terms (organisation_id, starts_on);

CREATE TABLE committee_posts (
    id        INTEGER PRIMARY KEY,
    term_id   INTEGER NOT NULL REFERENCES terms (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    role      TEXT NOT NULL,
    starts_on TEXT,
    ends_on   TEXT,
    appointed INTEGER NOT NULL DEFAULT 0,
    decision  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX committee_posts_term ON committee_posts (term_id);
CREATE INDEX committee_posts_member ON committee_posts (member_id);

CREATE TABLE cadres (
    id        INTEGER PRIMARY KEY,
    full_name TEXT NOT NULL,
    name_fold TEXT NOT NULL,
    name_sort TEXT NOT NULL,
    title     TEXT NOT NULL DEFAULT '',
    phone     TEXT NOT NULL DEFAULT '',
    active    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE cadre_assignments (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    cadre_id        INTEGER NOT NULL REFERENCES cadres (id),
    starts_on       TEXT NOT NULL,
    ends_on         TEXT,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX cadre_assignments_organisation ON cadre_assignments (organisation_id, starts_on);
CREATE INDEX cadre_assignments_cadre ON cadre_assignments (cadre_id);
