-- 0005: local accounts, the append-only audit log with its hash chain, and change capture.
-- The capture triggers themselves are generated from the tables' columns by
-- partydesk.store.capture and installed in the same transaction as each migration.

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    login          TEXT NOT NULL,
    login_key      TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('QUAN_TRI', 'NHAP_LIEU', 'CHI_XEM')),
    pw_hash        TEXT NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0,
    must_change_pw INTEGER NOT NULL DEFAULT 0,
    failed_count   INTEGER NOT NULL DEFAULT 0,
    locked_until   TEXT,
    last_login_at  TEXT,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
);

-- One row per change or event. row_hash = SHA-256 over the row's fields and prev_hash, so a
-- row edited or removed behind PartyDesk breaks the chain (partydesk.store.audit).
CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    user_id      INTEGER,
    user_login   TEXT NOT NULL,
    user_name    TEXT NOT NULL,
    role         TEXT NOT NULL,
    action       TEXT NOT NULL,
    entity       TEXT NOT NULL DEFAULT '',
    entity_id    INTEGER,
    summary      TEXT NOT NULL DEFAULT '',
    diff_json    TEXT NOT NULL DEFAULT '{}',
    prev_hash    TEXT NOT NULL,
    row_hash     TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_user ON audit_log (user_login);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Rows written by the capture triggers of every business table; PartyDesk turns them into one
-- audit row and removes them before each COMMIT, so rows left here were written by another
-- program.
CREATE TABLE change_capture (
    id       INTEGER PRIMARY KEY,
    tbl      TEXT NOT NULL,
    row_id   INTEGER,
    op       TEXT NOT NULL CHECK (op IN ('I', 'U', 'D')),
    old_json TEXT,
    new_json TEXT
);
