"""``partydesk --self-test``: prove, without a screen, that this installation works.

The Windows build runs exactly this, on the installed tree (``PartyDesk.exe --self-test``) and
in CI on the assembled tree. Its job is to catch a bundle that lost something — a native
module, a data file, a Qt plugin, a font — so each dependency is *used*, not just imported: a
database is created, migrated, searched and backed up in a temporary folder; a PDF with only
the bundled fonts, a Word and an Excel file and a calendar are written and read back; a
password is hashed and checked; Qt loads the fonts, icons, plugins, the Vietnamese strings and
the main window offscreen. Business rules are the test suite's job, not this one's.

Every check runs even when an earlier one failed, and each prints one line; the exit code is 0
only if all passed. Under ``pythonw.exe`` there is no console (``sys.stdout`` is None): the
lines and tracebacks then go to ``selftest.log`` in the logs folder.

Beyond the standard library only PartyDesk's version, paths and SQLite gate modules are
imported at module level, so a missing package fails its own check, not the whole self-test.
A native crash cannot be caught: ``faulthandler`` then writes the Python stack where the lines
go, which names the check that was running.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from partydesk._version import __version__
from partydesk.paths import DataPaths, data_paths, resources_dir
from partydesk.store import sqlite_gate

if TYPE_CHECKING:
    from PySide6.QtCore import QPluginLoader
    from PySide6.QtWidgets import QApplication

    from partydesk.services.app import AppServices
    from partydesk.store.store import Store

LOG_FILE_NAME = "selftest.log"

TODAY = date(2026, 1, 15)
ORGANISATION = "Chi bộ Công ty TNHH Kiểm Thử"
MEMBER = "Nguyễn Văn Đức"
MEETING_DAY = date(2026, 1, 10)
CONCLUSION = (
    "Chi bộ thống nhất đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."
)
PASSWORD = "Mật-khẩu-Kiểm-Tra-2026"

# A PDF font embedded as a subset is named "ABCDEF+LiberationSerif"; a base-14 font
# (Helvetica, Times-Roman), which cannot draw Vietnamese, has no prefix and no font file.
_BASE_FONT = re.compile(rb"/BaseFont\s*/([^\s/<>\[\]()]+)")
_BUNDLED_FAMILY = "+Liberation"

# Qt plugins the app needs, as (folder, key in the plugin's metadata), found and loaded by
# name. The self-test runs offscreen, so without this a bundle that lost qwindows.dll would
# pass here and then open no window at all. The Windows ones are checked only on Windows, the
# platform we ship (on Linux the native plugin, xcb, needs X libraries that are not ours).
REQUIRED_PLUGINS = (("imageformats", "svg"), ("imageformats", "ico"), ("iconengines", "svg"))
WINDOWS_PLUGINS = (("platforms", "windows"), ("styles", "windows11"))

# Not checked: Pillow. reportlab imports it when present but needs it only for images, and no
# PartyDesk document draws one.


class Workspace:
    """The self-test's temporary folder and its database, filled on first use.

    The data is the smallest that lets every document be produced: the office, one
    enterprise, one chi bộ, one member and one meeting with its times.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db_path = folder / "selftest.sqlite"
        self.organisation_id = 0
        self.meeting_id = 0
        self._store: Store | None = None
        self._services: AppServices | None = None
        self._failure: BaseException | None = None

    def services(self) -> AppServices:
        if self._services is None:
            if self._failure is not None:
                raise AssertionError(f"không có dữ liệu kiểm tra ({describe(self._failure)})")
            try:
                self._services = self._create()
            except Exception as exc:
                self._failure = exc
                raise
        return self._services

    def _create(self) -> AppServices:
        from partydesk.services.app import build_services
        from partydesk.store.store import create_store

        self._store = create_store(self.db_path)
        services = build_services(
            self._store,
            today=lambda: TODAY,
            paths=DataPaths(self.folder / "data"),
            now=lambda: datetime(2026, 1, 15, 9, 30).astimezone(),
        )
        self._fill(services)
        return services

    def _fill(self, services: AppServices) -> None:
        from partydesk.domain.enterprise import Enterprise, EnterpriseType
        from partydesk.domain.member import Member, Standing
        from partydesk.domain.organisation import Organisation, OrgEnterpriseLink, OrgKind
        from partydesk.domain.settings import OfficeSettings

        services.office.save(
            OfficeSettings(
                committee_full_name="Đảng ủy phường Kiểm Tra",
                committee_header="ĐẢNG ỦY PHƯỜNG KIỂM TRA",
                locality="Kiểm Tra",
            )
        )
        enterprise_id = services.register.save_enterprise(
            Enterprise(name="Công ty TNHH Kiểm Thử Đức Thành", type=EnterpriseType.PRIVATE)
        )
        self.organisation_id = services.register.save_organisation(
            Organisation(
                name=ORGANISATION,
                kind=OrgKind.CELL_BASE,
                enterprises=(OrgEnterpriseLink(enterprise_id, True),),
            )
        )
        services.register.save_member(
            Member(
                full_name=MEMBER, organisation_id=self.organisation_id, standing=Standing.OFFICIAL
            )
        )
        meeting = services.meetings.new_meeting(self.organisation_id, MEETING_DAY)
        self.meeting_id = services.meetings.save(
            replace(meeting, starts=clock(8, 0), ends=clock(10, 0), conclusion=CONCLUSION)
        )

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


# --- helpers ----------------------------------------------------------------------------------


def describe(exc: BaseException) -> str:
    """One line for a failed check: a missing module is named, our own checks say what broke."""
    if isinstance(exc, ImportError):
        return f"thiếu mô-đun {exc.name or '?'} trong bản cài đặt ({exc})"
    if isinstance(exc, AssertionError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def require_bundled_fonts(pdf: bytes, what: str) -> int:
    """Raise unless every font of ``pdf`` is a bundled font embedded in it; the font count."""
    names = [name.decode("ascii", "replace") for name in _BASE_FONT.findall(pdf)]
    stray = [name for name in names if _BUNDLED_FAMILY not in name]
    if not names or stray or pdf.count(b"/FontFile2") < len(set(names)):
        found = ", ".join(names) or "không có phông nào"
        raise AssertionError(f"{what}: PDF không nhúng đúng phông chữ đi kèm (thấy: {found})")
    return len(set(names))


def _texts_of_docx(data: bytes) -> list[str]:
    from docx import Document

    document = Document(io.BytesIO(data))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return [paragraph.text for paragraph in document.paragraphs] + list(cells)


def _vietnam_zone_from_tzdata() -> None:
    """Windows has no time-zone database of its own: zoneinfo (and icalendar through it) reads
    the ``tzdata`` package. On Linux the system database would hide a bundle without it, so
    the zone is read from the package itself."""
    from importlib import resources
    from zoneinfo import ZoneInfo

    entry = resources.files("tzdata").joinpath("zoneinfo").joinpath("Asia").joinpath("Ho_Chi_Minh")
    with entry.open("rb") as handle:
        zone = ZoneInfo.from_file(handle, key="Asia/Ho_Chi_Minh")
    if datetime(2026, 1, 15, 12, tzinfo=zone).utcoffset() != timedelta(hours=7):
        raise AssertionError("tzdata: múi giờ Asia/Ho_Chi_Minh không phải UTC+7")


# --- the checks -------------------------------------------------------------------------------


def check_sqlite(workspace: Workspace) -> str:
    build = sqlite_gate.current_build()
    problems = sqlite_gate.build_problems(build)
    if problems:
        raise AssertionError(sqlite_gate.unsuitable_message(problems))
    import sqlite3

    # The options say what was compiled in; using both features says they work.
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'unicode61')")
        conn.execute("INSERT INTO t (x) VALUES ('nguyen van duc')")
        if conn.execute("SELECT count(*) FROM t WHERE t MATCH '\"duc\"*'").fetchone()[0] != 1:
            raise AssertionError("FTS5 không tìm thấy dòng vừa thêm")
        if conn.execute("SELECT count(*) FROM json_each('[1, 2]')").fetchone()[0] != 2:
            raise AssertionError("json_each không đọc được mảng JSON")
    finally:
        conn.close()
    minimum = ".".join(map(str, sqlite_gate.MIN_VERSION))
    return f"SQLite {build.version} (cần từ {minimum}), FTS5 và JSON dùng được"


def check_database(workspace: Workspace) -> str:
    from partydesk.domain.rows import ListQuery
    from partydesk.reports.member_list import render_member_list
    from partydesk.store.migrate import LATEST_VERSION
    from partydesk.store.store import check_file

    services = workspace.services()
    found = services.register.member_rows(ListQuery(search="nguyen van duc"), 0, 10)
    if [row.full_name for row in found] != [MEMBER]:
        raise AssertionError(f"tìm không dấu “nguyen van duc” được {found}")
    buffer = io.BytesIO()
    render_member_list(services.documents.member_list(workspace.organisation_id), buffer)
    fonts = require_bundled_fonts(buffer.getvalue(), "Danh sách đảng viên")
    report = check_file(workspace.db_path)
    if not report.healthy or report.schema_version != LATEST_VERSION:
        raise AssertionError(f"kiểm tra tệp dữ liệu không đạt: {report}")
    return (
        f"cấu trúc số {LATEST_VERSION}, tìm không dấu, PDF {len(buffer.getvalue())} byte "
        f"nhúng {fonts} phông"
    )


def check_word(workspace: Workspace) -> str:
    from partydesk.reports.minutes_docx import write_minutes_docx

    services = workspace.services()
    buffer = io.BytesIO()
    write_minutes_docx(services.documents.minutes_document(workspace.meeting_id), buffer)
    texts = _texts_of_docx(buffer.getvalue())
    for expected in ("BIÊN BẢN", CONCLUSION):
        if expected not in texts:
            raise AssertionError(f"đọc lại biên bản .docx không thấy “{expected}”")
    return f"biên bản .docx {len(buffer.getvalue())} byte, đọc lại đúng chữ tiếng Việt"


def check_excel(workspace: Workspace) -> str:
    import openpyxl.xml

    from partydesk.domain.import_columns import ImportKind

    if not openpyxl.xml.DEFUSEDXML:
        raise AssertionError("openpyxl không dùng defusedxml (thiếu gói defusedxml?)")
    services = workspace.services()
    path = services.importer.write_template(ImportKind.MEMBERS, workspace.folder / "mau.xlsx")
    table = services.importer.read(path)
    if "Họ và tên" not in table.headers or ORGANISATION not in table.rows[0]:
        raise AssertionError(f"đọc lại mẫu nhập .xlsx sai: {table.headers[:3]}, {table.rows[:1]}")
    return f"mẫu nhập .xlsx {path.stat().st_size} byte, đọc lại qua defusedxml"


def check_calendar(workspace: Workspace) -> str:
    from icalendar import Calendar

    services = workspace.services()
    target = workspace.folder / "viec-can-lam.ics"
    written = services.due.write_ics(target)
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    if len(events) != written:
        raise AssertionError(f"tệp .ics có {len(events)} sự kiện, đã ghi {written}")
    # The meeting at 8:00 Vietnam time is written, and read back, as 01:00 UTC.
    meeting_start = datetime(2026, 1, 10, 1, 0, tzinfo=UTC)
    if meeting_start not in [event.decoded("dtstart") for event in events]:
        raise AssertionError("tệp .ics không có buổi họp lúc 8 giờ (01:00 UTC)")
    _vietnam_zone_from_tzdata()
    return f"{written} sự kiện ghi và đọc lại, tzdata có Asia/Ho_Chi_Minh"


def check_holidays(workspace: Workspace) -> str:
    from partydesk.domain.holidays import HolidayCalendar

    calendar = HolidayCalendar.default_for_years([2026])
    for day, name in ((date(2026, 9, 2), "Quốc khánh"), (date(2026, 2, 17), "Tết Nguyên Đán")):
        if name not in (calendar.holiday_name(day) or ""):
            raise AssertionError(f"ngày {day:%d/%m/%Y} không phải “{name}” trong gói holidays")
    return f"{len(calendar.dates)} ngày nghỉ năm 2026, có Tết âm lịch"


def check_passwords(workspace: Workspace) -> str:
    from partydesk.domain.accounts import LoginRefused

    services = workspace.services()
    store = services.store
    actor = store.actor
    try:
        services.accounts.create_first_admin("kiemtra", "Người Kiểm Tra", PASSWORD)
        services.accounts.logout()
        try:
            services.accounts.login("kiemtra", PASSWORD + "x")
        except LoginRefused:
            pass
        else:
            raise AssertionError("argon2 nhận cả mật khẩu sai")
        services.accounts.login("kiemtra", PASSWORD)
    finally:
        store.actor = actor  # the later checks act as before, whatever happened here
    return "băm Argon2id, đăng nhập đúng mật khẩu, từ chối mật khẩu sai"


def check_backup(workspace: Workspace) -> str:
    from partydesk.services.backups import size_text
    from partydesk.store.backup import inspect_backup

    services = workspace.services()
    made = services.backups.backup_now()
    listed = {info.path: info for info in services.backups.backups()}
    checked = listed.get(made.path)
    if checked is None or checked.damaged:
        raise AssertionError(f"bản sao lưu không đạt: {checked.problem if checked else 'mất'}")
    facts = inspect_backup(made.path)
    if facts.counts.get("members") != 1 or facts.sha256 != made.sha256:
        raise AssertionError(f"bản sao lưu khác dữ liệu gốc: {facts}")
    return f"{made.path.name}, {size_text(made.size)}, SHA-256 và toàn vẹn đúng"


def _application() -> QApplication:
    """The offscreen QApplication, set up as the program's, made once for all Qt checks."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from partydesk.ui.app import create_application

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return create_application(["partydesk", "-platform", "offscreen"])


def check_qt(workspace: Workspace) -> str:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QFontDatabase, QIcon, QImage
    from PySide6.QtWidgets import QDialogButtonBox

    from partydesk.services.app import build_services
    from partydesk.store.store import create_store
    from partydesk.ui.main_window import MainWindow

    folder = workspace.folder
    app = _application()
    fonts = sorted((resources_dir() / "fonts").glob("*.ttf"))
    if not fonts:
        raise AssertionError(f"không có phông chữ nào trong {resources_dir() / 'fonts'}")
    for font in fonts:
        if QFontDatabase.addApplicationFont(str(font)) < 0:
            raise AssertionError(f"Qt không nạp được phông chữ {font.name}")
    icon_folder = resources_dir() / "icons"
    icons = sorted(p for p in icon_folder.iterdir() if p.suffix in (".svg", ".png", ".ico"))
    for icon in icons:
        if QImage(str(icon)).isNull() or QIcon(str(icon)).isNull():
            raise AssertionError(f"Qt không nạp được biểu tượng {icon.name}")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    cancel_text = buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
    if cancel_text in ("Cancel", "&Cancel"):
        raise AssertionError("các nút của Qt chưa có tiếng Việt")
    store = create_store(folder / "window.sqlite")
    try:
        settings = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(build_services(store), settings)
        window.show()
        app.processEvents()
        from partydesk.ui.tasks import default_runner

        if not default_runner().wait_for_done(10_000):
            raise AssertionError("việc chạy nền lúc mở cửa sổ chưa xong sau 10 giây")
        app.processEvents()
        window.close()
    finally:
        store.close()
    return f"{len(fonts)} phông chữ, {len(icons)} biểu tượng, cửa sổ chính"


def check_pdf_preview(workspace: Workspace) -> str:
    """The print preview needs QtPdf, a separate wheel (PySide6-Pdf) the build must bundle.

    It runs in a child process: PDF engines stop the whole process on a fault they cannot
    handle (under Wine 8 QtPdf does so as soon as a QPdfDocument is made), and the report must
    still name the failing check and finish.
    """
    folder = workspace.folder / "pdf-preview"
    folder.mkdir(exist_ok=True)
    command = [sys.executable, "-c", _PDF_CHILD, str(folder)]
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flash under pythonw
    done = subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", errors="replace",
        timeout=120, creationflags=flags, check=False,
    )  # fmt: skip
    answer = (done.stdout.strip().splitlines() or [""])[-1]
    if done.returncode == 0 and answer == PDF_PREVIEW_OK:
        return answer
    if done.returncode in (0, 1):
        raise AssertionError(answer or done.stderr.strip()[-500:])
    code = done.returncode & 0xFFFFFFFF
    raise AssertionError(f"QtPdf làm tiến trình con dừng đột ngột (mã 0x{code:08X})")


PDF_PREVIEW_OK = "QtPdf mở và vẽ được trang PDF"
_PDF_CHILD = (
    "import sys; from pathlib import Path; from partydesk.ui.selftest import pdf_preview_child; "
    "sys.exit(pdf_preview_child(Path(sys.argv[1])))"
)


def pdf_preview_child(folder: Path) -> int:
    """The QtPdf check itself, in the child process: one answer line, exit 0 or 1."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter
    from PySide6.QtPdf import QPdfDocument

    _application()
    path = folder / "preview.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(200, 200, "Biên bản sinh hoạt chi bộ")
    painter.end()
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() != 1:
        print("QtPdf không mở được tệp PDF (xem trước khi in)", flush=True)
        return 1
    if document.render(0, QSize(120, 170)).isNull():
        print("QtPdf không vẽ được trang PDF (xem trước khi in)", flush=True)
        return 1
    document.close()
    print(PDF_PREVIEW_OK, flush=True)
    return 0


def check_qt_plugins(workspace: Workspace) -> str:
    from PySide6.QtCore import QCoreApplication

    on_windows = sys.platform == "win32"
    wanted = REQUIRED_PLUGINS + (WINDOWS_PLUGINS if on_windows else ())
    folders = [Path(p) for p in QCoreApplication.libraryPaths()]
    for kind, key in wanted:
        loader = _find_plugin(folders, kind, key)
        if loader is None:
            where = ", ".join(str(folder / kind) for folder in folders)
            raise AssertionError(f"thiếu trình cắm Qt “{key}” trong {where}")
        if not loader.load():
            raise AssertionError(
                f"Qt không nạp được trình cắm {loader.fileName()}: {loader.errorString()}"
            )
    return f"{len(wanted)} trình cắm ({', '.join(f'{kind}/{key}' for kind, key in wanted)})"


def _find_plugin(folders: list[Path], kind: str, key: str) -> QPluginLoader | None:
    """The loader of the plugin in ``folders/kind`` whose metadata lists ``key``, or None.
    Reading the metadata does not load the library yet."""
    from PySide6.QtCore import QPluginLoader

    for folder in folders:
        candidates = sorted((folder / kind).glob("*")) if (folder / kind).is_dir() else []
        for candidate in candidates:
            loader = QPluginLoader(str(candidate))
            keys = loader.metaData().get("MetaData", {}).get("Keys", [])
            if key.lower() in (str(k).lower() for k in keys):
                return loader
    return None


Check = Callable[[Workspace], str]

CHECKS: tuple[tuple[str, Check], ...] = (
    ("Thư viện SQLite (phiên bản, FTS5, JSON)", check_sqlite),
    ("Cơ sở dữ liệu, tìm kiếm, văn bản PDF", check_database),
    ("Văn bản Word (python-docx, lxml)", check_word),
    ("Bảng tính Excel (openpyxl, defusedxml)", check_excel),
    ("Lịch .ics (icalendar, tzdata)", check_calendar),
    ("Ngày lễ Việt Nam (holidays)", check_holidays),
    ("Mật khẩu (argon2)", check_passwords),
    ("Sao lưu có kiểm tra", check_backup),
    ("Giao diện, phông chữ, biểu tượng", check_qt),
    ("Trình cắm Qt", check_qt_plugins),
    ("Xem trước khi in (QtPdf)", check_pdf_preview),
)


# --- output and the run -----------------------------------------------------------------------


class Output:
    """Where the lines and tracebacks go: the console, or, with no console (``pythonw.exe``
    sets ``sys.stdout`` and ``sys.stderr`` to None), the file ``log_dir/selftest.log``."""

    def __init__(self, log_dir: Path | None) -> None:
        self.log_path: Path | None = None
        self._file: TextIO | None = None
        if sys.stdout is None:
            self._open_log(log_dir if log_dir is not None else data_paths().logs)
        self._lines = sys.stdout if sys.stdout is not None else self._file
        self._errors = (
            sys.stderr if sys.stdout is not None and sys.stderr is not None else self._lines
        )

    def _open_log(self, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._file = open(folder / LOG_FILE_NAME, "w", encoding="utf-8")  # noqa: SIM115
            self.log_path = folder / LOG_FILE_NAME
        except OSError:
            self._file = None  # nowhere to write: the exit code still tells pass or fail

    def line(self, text: str) -> None:
        _write(self._lines, text + "\n")

    def traceback(self) -> None:
        _write(self._errors, traceback.format_exc())

    def dump_crashes(self) -> bool:
        """Have ``faulthandler`` write the Python stack to the error stream if the process
        crashes: a native fault (a DLL the bundle lacks, a plugin Qt cannot run) ends it before
        any line is printed, and the stack names the check. False when it was not turned on
        here (already on, as under pytest, or no real file to write to)."""
        import faulthandler

        if faulthandler.is_enabled() or self._errors is None:
            return False
        try:
            faulthandler.enable(self._errors, all_threads=True)
        except (AttributeError, OSError, ValueError):  # a stream without a file descriptor
            return False
        return True

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _write(stream: TextIO | None, text: str) -> None:
    if stream is None:
        return
    try:
        try:
            stream.write(text)
        except UnicodeEncodeError:
            # A console that is not UTF-8 (cp1252 without PYTHONUTF8) still gets the line.
            stream.write(text.encode("ascii", "backslashreplace").decode("ascii"))
        stream.flush()
    except (OSError, ValueError):
        pass  # a closed or broken console must not turn a passing self-test into a crash


def _where_it_runs() -> list[tuple[str, Callable[[], str]]]:
    import partydesk

    def qt_version() -> str:
        import PySide6
        from PySide6.QtCore import qVersion

        return f"{qVersion()} (PySide6 {PySide6.__version__}, {Path(PySide6.__file__).parent})"

    def sqlite() -> str:
        build = sqlite_gate.current_build()
        return f"{build.version}; tùy chọn biên dịch: {', '.join(sorted(build.options))}"

    folder = resources_dir()
    return [
        ("Gói partydesk", lambda: str(Path(partydesk.__file__).parent)),
        ("Python", lambda: f"{sys.version.replace(chr(10), ' ')} ({sys.executable})"),
        ("Thư mục tài nguyên", lambda: f"{folder}{'' if folder.is_dir() else ' (KHÔNG CÓ)'}"),
        ("Qt", qt_version),
        ("SQLite", sqlite),
    ]


def run_self_test(log_dir: Path | None = None) -> int:
    """Run every check in a temporary folder, one line each; 0 when all pass.

    ``log_dir`` is where ``selftest.log`` goes when there is no console: the logs folder of
    the data folder in use (default: that of the default data folder).
    """
    output = Output(log_dir)
    dumping_crashes = output.dump_crashes()
    started = time.perf_counter()
    failed = 0
    try:
        output.line(f"PartyDesk {__version__} — tự kiểm tra")
        for label, value in _where_it_runs():
            try:
                output.line(f"{label}: {value()}")
            except Exception as exc:  # the checks below will say what is broken
                output.line(f"{label}: không xác định được ({describe(exc)})")
        folder = Path(tempfile.mkdtemp(prefix="partydesk-selftest-"))
        workspace = Workspace(folder)
        try:
            for title, check in CHECKS:
                try:
                    output.line(f"[ĐẠT] {title}: {check(workspace)}")
                except Exception as exc:  # every failure is reported, then the next check runs
                    failed += 1
                    output.line(f"[LỖI] {title}: {describe(exc)}")
                    output.traceback()
        finally:
            workspace.close()
            shutil.rmtree(folder, ignore_errors=True)
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        verdict = "mọi kiểm tra đều đạt" if not failed else f"{failed} kiểm tra bị lỗi"
        output.line(f"Kết quả: {verdict} ({seconds} giây).")
    except Exception:  # a fault of the self-test itself still ends in a line and a failure
        failed += 1
        output.line("[LỖI] Tự kiểm tra dừng giữa chừng.")
        output.traceback()
    finally:
        if dumping_crashes:
            import faulthandler

            faulthandler.disable()
        output.close()
    return 0 if not failed else 1
