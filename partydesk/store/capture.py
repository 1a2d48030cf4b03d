"""Change capture: triggers on every business table that record each row written.

The triggers are generated from the tables' columns, installed by each migration in its own
transaction, and write into ``change_capture``. PartyDesk turns those rows into one audit row
and removes them before every COMMIT (``partydesk.store.audit``), so:

- the audit log holds old → new values without each repository describing its changes;
- rows still in ``change_capture`` when a file is opened were written by another program;
- a trigger missing or altered is a sign the file was edited behind PartyDesk's back.

A row is recorded as ``col=<SQL literal>,col=<SQL literal>…`` built with ``quote()``: the JSON
functions are refused in triggers while ``trusted_schema=OFF`` (reliability §1.8), ``quote()``
is not. ``decode_record`` reads it back.
"""

from __future__ import annotations

import sqlite3

CAPTURE_PREFIX = "capture_"

# Not captured: the log itself, its inbox, and the autosaved drafts of minutes being typed
# (scratch state rewritten every few seconds; the meeting is captured when it is saved).
UNCAPTURED_TABLES = frozenset({"audit_log", "change_capture", "meeting_drafts"})

# Columns whose values never reach the audit log; only "changed" is recorded.
SECRET_COLUMNS = {"users": frozenset({"pw_hash"})}
SECRET_MARK = "***"
SECRET_CHANGED_MARK = "*** (mới)"


def captured_tables(conn: sqlite3.Connection) -> list[str]:
    """Every ordinary table except the uncaptured ones; full-text indexes (virtual tables and
    their shadow tables) only repeat columns of a captured table."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    return [
        name
        for name, _ in rows
        if name not in UNCAPTURED_TABLES
        and name not in virtual
        and not any(name.startswith(v + "_") for v in virtual)
    ]


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    return [
        (row[1], (row[2] or "").upper()) for row in conn.execute(f'PRAGMA table_info("{table}")')
    ]


def _json(conn: sqlite3.Connection, table: str, alias: str, *, update: bool = False) -> str:
    """The SQL expression that records a row as ``col=<literal>,…``."""
    secret = SECRET_COLUMNS.get(table, frozenset())
    parts = []
    for column, _ in _columns(conn, table):
        if column in secret:
            if update and alias == "NEW":
                value = (
                    f'CASE WHEN NEW."{column}" IS OLD."{column}" THEN \'{SECRET_MARK}\' '
                    f"ELSE '{SECRET_CHANGED_MARK}' END"
                )
            else:
                value = f"'{SECRET_MARK}'"
        else:
            value = f'{alias}."{column}"'
        prefix = "," if parts else ""
        parts.append(f"'{prefix}{column}=' || quote({value})")
    return " || ".join(parts)


def decode_record(text: str) -> dict[str, object]:
    """Read back a row recorded by the triggers: names and SQL literals (quote()'s output)."""
    values: dict[str, object] = {}
    i, n = 0, len(text)
    while i < n:
        eq = text.index("=", i)
        name = text[i:eq]
        i = eq + 1
        if text.startswith("'", i):
            j, parts = i + 1, []
            while True:
                k = text.index("'", j)
                parts.append(text[j:k])
                if text.startswith("''", k):
                    parts.append("'")
                    j = k + 2
                    continue
                i = k + 1
                break
            value: object = "".join(parts)
        else:
            end = text.find(",", i)
            end = n if end < 0 else end
            token = text[i:end]
            i = end
            if token == "NULL":
                value = None
            elif token.startswith(("X'", "x'")):
                value = token[2:-1]
            else:
                try:
                    value = int(token)
                except ValueError:
                    value = float(token)
        values[name] = value
        if i < n:
            i += 1  # the comma before the next column
    return values


def trigger_sql(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    """The three capture triggers of ``table``: name → CREATE TRIGGER statement."""
    base = f"{CAPTURE_PREFIX}{table}"
    insert = (
        f'CREATE TRIGGER "{base}_i" AFTER INSERT ON "{table}" BEGIN '
        f"INSERT INTO change_capture (tbl, row_id, op, new_json) VALUES "
        f"('{table}', NEW.rowid, 'I', {_json(conn, table, 'NEW')}); END"
    )
    update = (
        f'CREATE TRIGGER "{base}_u" AFTER UPDATE ON "{table}" BEGIN '
        f"INSERT INTO change_capture (tbl, row_id, op, old_json, new_json) VALUES "
        f"('{table}', NEW.rowid, 'U', {_json(conn, table, 'OLD', update=True)}, "
        f"{_json(conn, table, 'NEW', update=True)}); END"
    )
    delete = (
        f'CREATE TRIGGER "{base}_d" AFTER DELETE ON "{table}" BEGIN '
        f"INSERT INTO change_capture (tbl, row_id, op, old_json) VALUES "
        f"('{table}', OLD.rowid, 'D', {_json(conn, table, 'OLD')}); END"
    )
    return {f"{base}_i": insert, f"{base}_u": update, f"{base}_d": delete}


def expected_triggers(conn: sqlite3.Connection) -> dict[str, str]:
    expected: dict[str, str] = {}
    for table in captured_tables(conn):
        expected.update(trigger_sql(conn, table))
    return expected


def installed_triggers(conn: sqlite3.Connection) -> dict[str, str]:
    return {
        row[0]: row[1]
        for row in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
            [CAPTURE_PREFIX + "%"],
        )
    }


# The triggers that make the audit log append-only (migration 0005). An attacker drops them
# to edit the log; the chain shows the edit, these show the guard was taken down.
APPEND_ONLY_TRIGGERS = {
    f"audit_log_no_{verb.lower()}": (
        f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log\n"
        "BEGIN\n"
        "    SELECT RAISE(ABORT, 'audit_log is append-only');\n"
        "END"
    )
    for verb in ("UPDATE", "DELETE")
}


def _same_sql(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def install_append_only(conn: sqlite3.Connection) -> None:
    """(Re)create the audit log's append-only triggers; run inside the caller's transaction."""
    for name, sql in APPEND_ONLY_TRIGGERS.items():
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        conn.execute(sql)


def install_capture(conn: sqlite3.Connection) -> None:
    """(Re)create every capture trigger; run inside the caller's transaction."""
    for name in installed_triggers(conn):
        conn.execute(f'DROP TRIGGER "{name}"')
    for sql in expected_triggers(conn).values():
        conn.execute(sql)


def capture_problems(conn: sqlite3.Connection) -> list[str]:
    """Capture triggers that are missing, altered or foreign, in Vietnamese; [] when intact."""
    if not _has_capture_table(conn):
        return []
    expected = expected_triggers(conn)
    installed = installed_triggers(conn)
    problems = []
    for name, sql in expected.items():
        if name not in installed:
            problems.append(f"thiếu trigger theo dõi thay đổi {name}")
        elif installed[name] != sql:
            problems.append(f"trigger theo dõi thay đổi {name} đã bị sửa")
    problems.extend(f"trigger lạ {name}" for name in installed if name not in expected)
    guards = {
        row[0]: row[1]
        for row in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        )
    }
    for name, sql in APPEND_ONLY_TRIGGERS.items():
        if name not in guards:
            problems.append(f"thiếu trigger chống sửa nhật ký {name}")
        elif not _same_sql(guards[name], sql):
            problems.append(f"trigger chống sửa nhật ký {name} đã bị sửa")
    problems.extend(
        f"trigger lạ trên nhật ký {name}" for name in guards if name not in APPEND_ONLY_TRIGGERS
    )
    return problems


def _has_capture_table(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'change_capture'"
    ).fetchone()
    return row is not None
