"""T6: two PartyDesk processes on one file. Never two writers; the second is told who has the
file and may read it while the first writes; a killed first process is taken over without
anyone deleting files."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from partydesk.store.file_lock import LockHeld, current_user, lock_path_for
from partydesk.store.store import create_store, open_store

ROOT = Path(__file__).resolve().parents[1]

# Process A: opens the file for work through open_store (taking its lock), says so, then
# writes a counter through a named action every few milliseconds, acknowledging each commit.
WRITER = """
import sys, time
from pathlib import Path
from partydesk.store.db import transaction
from partydesk.store.store import open_store
path = Path(sys.argv[1])
store = open_store(path, path.parent / "backups")
print("ready", flush=True)
tick = 0
while True:
    tick += 1
    with store.lock, store.audit.labelled("Thử ghi"), transaction(store.db):
        store.settings.set_value("tick", tick)
    print(tick, flush=True)
    time.sleep(0.005)
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")


def read_tick(store) -> int:
    with store.lock:
        return store.settings.get_value("tick", 0)


def test_second_instance_is_named_reads_while_first_writes_and_takes_over_after_a_kill(
    tmp_path: Path,
) -> None:
    path = tmp_path / "dang-uy.sqlite"
    create_store(path).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()

        # B wants to work in it too: refused at once, and told who holds it.
        started = time.monotonic()
        with pytest.raises(LockHeld) as caught:
            open_store(path, tmp_path / "backups")
        refused_after = time.monotonic() - started
        holder = caught.value.holder
        assert holder is not None
        assert (holder.pid, holder.user, holder.host) == (
            writer.pid,
            current_user(),
            socket.gethostname(),
        )
        assert f"trên máy {socket.gethostname()}" in caught.value.message
        print(f"LockHeld after {refused_after * 1000:.1f} ms")

        # B opens it only to look: it reads, and sees A's commits arrive.
        reader = open_store(path, tmp_path / "backups", read_only=True, reason=caught.value.reason)
        try:
            seen = {read_tick(reader)}
            deadline = time.monotonic() + 30  # a safety bound, not a measurement
            while len(seen) < 5 and time.monotonic() < deadline:
                seen.add(read_tick(reader))
                time.sleep(0.01)
            assert len(seen) >= 5, "the reader never saw the writer's commits"
        finally:
            reader.close()

        acknowledged = 0
        while acknowledged < max(seen) + 3:
            acknowledged = int(writer.stdout.readline())
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
        for line in writer.stdout.read().split():  # acknowledged before the kill landed
            acknowledged = int(line)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(timeout=30)

    # The lock file is still there (nobody deletes it) and still names A …
    assert lock_path_for(path).exists()
    # … yet C takes the file over at once: the OS dropped A's lock with A.
    taker = open_store(path, tmp_path / "backups")
    try:
        assert taker.file_lock.previous is not None and taker.file_lock.previous.pid == writer.pid
        tick = read_tick(taker)
        assert tick in (acknowledged, acknowledged + 1)  # killed after COMMIT, before printing
        assert taker.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert taker.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        taker.close()
