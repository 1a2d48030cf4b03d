"""The ``partydesk`` command: start the application, or do office chores without a window.

Commands that need no window (``check``, ``demo create``, ``export …``) never import Qt, so
they work on a server, in a script, and before a broken Qt installation is diagnosed.
"""

from __future__ import annotations

import argparse
import gettext
import logging
import sys
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partydesk._version import __version__
from partydesk.cli_evaluation import (
    EVALUATION_EXPORTS,
    add_evaluation_exports,
    run_evaluation_export,
)
from partydesk.domain.numbers import grouped
from partydesk.logs import setup_logging
from partydesk.paths import DataPaths, data_paths

if TYPE_CHECKING:
    from partydesk.store.store import Store

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_UNHEALTHY = 1
EXIT_USAGE = 2

SCALES = ("district", "province")

# The briefing round's documents: command name → (help, description).
BRIEFING_EXPORTS = {
    "invitations": (
        "giấy mời dự hội nghị giao ban",
        "In giấy mời của một đợt hội nghị giao ban, mỗi buổi một số (lấy số trong sổ văn bản "
        "đi khi in lần đầu; in lại giữ nguyên số và ngày).",
    ),
    "attendance-sheet": (
        "danh sách đại biểu để ký tên",
        "In danh sách đại biểu (điểm danh, ký tên) của từng buổi hội nghị giao ban.",
    ),
    "briefing-minutes": (
        "biên bản hội nghị giao ban",
        "In biên bản hội nghị giao ban theo mẫu Hướng dẫn 36-HD/VPTW (lấy số BB khi in lần "
        "đầu, đề ngày họp cuối cùng).",
    ),
    "briefing-conclusions": (
        "thông báo kết luận hội nghị giao ban",
        "In thông báo kết luận hội nghị giao ban kèm các khó khăn, kiến nghị và việc giải "
        "quyết (lấy số TB khi in lần đầu).",
    ),
}

# argparse's own words, in Vietnamese: its messages go through gettext, which has no
# Vietnamese catalogue for them.
_ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "options": "tùy chọn",
    "positional arguments": "tham số",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không hiểu được: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "expected one argument": "cần một giá trị",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn mơ hồ: %(option)s có thể là %(matches)s"
    ),
    "not allowed with argument %s": "không dùng cùng tham số %s",
}


def _vietnamese_argparse() -> None:
    def translate(message: str) -> str:
        return _ARGPARSE_VI.get(message) or gettext.gettext(message)

    argparse._ = translate  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    _vietnamese_argparse()
    parser = argparse.ArgumentParser(
        prog="partydesk",
        description=(
            "PartyDesk: quản lý doanh nghiệp, tổ chức đảng và đảng viên của văn phòng cấp ủy. "
            "Không có lệnh con: mở cửa sổ chương trình."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"PartyDesk {__version__}",
        help="hiện số phiên bản rồi thoát",
    )
    parser.add_argument("--db", metavar="TỆP", type=Path, help="mở tệp dữ liệu này")
    parser.add_argument(
        "--data-dir",
        metavar="THƯ_MỤC",
        type=Path,
        help="đặt mọi tệp của người dùng (dữ liệu, sao lưu, nhật ký, cài đặt) trong thư mục này",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="mở văn phòng mẫu (tạo một lần trong thư mục dữ liệu)",
    )
    parser.add_argument(
        "--scale",
        choices=SCALES,
        default="district",
        help="quy mô văn phòng mẫu: district (≈3.000 đảng viên) hoặc province (≈100.000)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="tự kiểm tra (không mở cửa sổ): tạo dữ liệu tạm, in một văn bản, nạp phông "
        "chữ và biểu tượng; mã thoát 0 nếu mọi thứ chạy được",
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", title="lệnh")

    check = commands.add_parser(
        "check",
        help="kiểm tra một tệp dữ liệu",
        description=(
            "Báo phiên bản cấu trúc dữ liệu, kết quả kiểm tra toàn vẹn và số bản ghi. "
            "Tệp chỉ được đọc, không bị thay đổi."
        ),
    )
    check.add_argument("--db", dest="check_db", metavar="TỆP", type=Path, required=True)

    demo = commands.add_parser("demo", help="văn phòng mẫu")
    demo_commands = demo.add_subparsers(dest="demo_command", metavar="LỆNH", required=True)
    create = demo_commands.add_parser(
        "create",
        help="tạo tệp dữ liệu mẫu (không mở cửa sổ)",
        description="Tạo một tệp dữ liệu mẫu mới; không ghi đè tệp đã có.",
    )
    create.add_argument("file", metavar="TỆP", type=Path)
    create.add_argument("--scale", dest="demo_scale", choices=SCALES, default="district")
    create.add_argument(
        "--seed", type=int, default=2026, help="hạt giống ngẫu nhiên (mặc định 2026)"
    )
    _add_export_commands(commands)
    _add_backup_commands(commands)
    return parser


def _add_backup_commands(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup",
        help="sao lưu một tệp dữ liệu",
        description=(
            "Sao lưu tệp dữ liệu ra một tệp mới (hoặc vào một thư mục có sẵn), kèm tệp mô tả "
            ".json. Bản sao được kiểm tra toàn vẹn và tính mã SHA-256; tệp dữ liệu chỉ được "
            "đọc, không bị thay đổi."
        ),
    )
    backup.add_argument(
        "--db", dest="backup_db", metavar="TỆP", type=Path, required=True, help="tệp dữ liệu"
    )
    backup.add_argument(
        "-o",
        "--output",
        dest="backup_out",
        metavar="ĐÍCH",
        type=Path,
        required=True,
        help="tệp sao lưu mới, hoặc một thư mục có sẵn (tên tệp tự đặt theo ngày giờ)",
    )
    restore = commands.add_parser(
        "restore",
        help="khôi phục tệp dữ liệu từ một bản sao lưu",
        description=(
            "Thay tệp dữ liệu bằng bản sao lưu đã chọn. Bản sao lưu được kiểm tra trước; dữ "
            "liệu hiện tại được sao lưu lại (hoặc giữ nguyên bản nếu bị hỏng) trước khi thay. "
            "Hãy đóng PartyDesk trước khi khôi phục."
        ),
    )
    restore.add_argument(
        "--db",
        dest="restore_db",
        metavar="TỆP",
        type=Path,
        required=True,
        help="tệp dữ liệu sẽ được thay",
    )
    restore.add_argument(
        "restore_from",
        metavar="BẢN_SAO_LƯU",
        type=Path,
        help="tệp sao lưu (.sqlite) dùng để khôi phục",
    )


def _vn_date_argument(text: str) -> date:
    from partydesk.domain.dates import parse_vn_date
    from partydesk.domain.errors import ValidationError

    try:
        parsed = parse_vn_date(text, "Ngày")
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None
    if parsed is None:
        raise argparse.ArgumentTypeError("Ngày: chưa ghi ngày (dạng ngày/tháng/năm).")
    return parsed


def _positive_argument(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"cần một số nguyên dương, không phải “{text}”")
    return int(text)


def _add_export_commands(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help="in văn bản ra tệp (không mở cửa sổ)",
        description=(
            "In biên bản, sổ biên bản hoặc mẫu biên bản trắng của chi bộ, văn bản của một đợt "
            "hội nghị giao ban, hoặc giấy tờ và biểu tổng hợp của kỳ đánh giá, xếp loại, ra tệp."
        ),
    )
    documents = export.add_subparsers(dest="export_command", metavar="LỆNH", required=True)
    org_help = "mã hoặc tên đầy đủ của chi bộ (không phân biệt chữ hoa, chữ thường)"

    def document(name: str, help_text: str, description: str, output_help: str) -> Any:
        sub = documents.add_parser(name, help=help_text, description=description)
        sub.add_argument(
            "--db", dest="export_db", metavar="TỆP", type=Path, required=True, help="tệp dữ liệu"
        )
        sub.add_argument(
            "-o", "--output", metavar="TỆP_RA", type=Path, required=True, help=output_help
        )
        return sub

    minutes = document(
        "minutes",
        "một biên bản sinh hoạt chi bộ",
        "In một biên bản theo mẫu Hướng dẫn 36-HD/VPTW: tệp .pdf, hoặc .docx để sửa tiếp "
        "trong Word.",
        "tệp kết quả, đuôi .pdf hoặc .docx",
    )
    minutes.add_argument(
        "--meeting", metavar="MÃ", type=int, required=True, help="mã buổi sinh hoạt"
    )

    book = document(
        "minute-book",
        "sổ ghi biên bản sinh hoạt của một chi bộ",
        "In sổ ghi biên bản sinh hoạt chi bộ (bìa, trang ghi số trang, các biên bản theo "
        "ngày, mục lục) cho một năm hoặc một khoảng ngày.",
        "tệp PDF kết quả",
    )
    book.add_argument("--org", metavar="CHI_BỘ", required=True, help=org_help)
    period = book.add_mutually_exclusive_group(required=True)
    period.add_argument("--year", metavar="NĂM", type=int, help="cả năm, ví dụ 2026")
    period.add_argument(
        "--from",
        dest="date_from",
        metavar="NGÀY",
        type=_vn_date_argument,
        help="từ ngày (ngày/tháng/năm), dùng cùng --to",
    )
    book.add_argument(
        "--to",
        dest="date_to",
        metavar="NGÀY",
        type=_vn_date_argument,
        help="đến ngày (ngày/tháng/năm), dùng cùng --from",
    )
    book.add_argument(
        "--volume",
        metavar="SỐ",
        type=_positive_argument,
        default=1,
        help="quyển số in trên bìa (mặc định 1)",
    )

    blank = document(
        "blank-minutes",
        "mẫu biên bản trắng để ghi tay",
        "In mẫu biên bản trắng của một chi bộ: tiêu đề, danh sách đảng viên để điểm danh, "
        "chỗ trống để thư ký ghi tay.",
        "tệp PDF kết quả",
    )
    blank.add_argument("--org", metavar="CHI_BỘ", required=True, help=org_help)

    add_evaluation_exports(document)

    statistics = document(
        "statistics",
        "báo cáo thống kê của một năm (trang Tổng quan)",
        "In báo cáo thống kê tình hình tổ chức đảng, đảng viên trong doanh nghiệp của một năm: "
        "các chỉ số so với cùng kỳ năm trước, chỉ tiêu và tiến độ, bảng theo loại hình doanh "
        "nghiệp, kết quả xếp loại, sinh hoạt chi bộ theo tháng. Năm nay: số liệu đến hôm nay; "
        "năm đã qua: đến 31/12.",
        "tệp kết quả, đuôi .pdf hoặc .xlsx",
    )
    statistics.add_argument("--year", metavar="NĂM", type=int, required=True, help="ví dụ 2026")

    for name, (help_text, description) in BRIEFING_EXPORTS.items():
        sub = document(name, help_text, description, "tệp kết quả, đuôi .pdf hoặc .docx")
        sub.add_argument(
            "--briefing",
            metavar="MÃ",
            type=int,
            required=True,
            help="mã đợt hội nghị giao ban (xem ở trang Giao ban)",
        )
        if name == "invitations":
            sub.add_argument(
                "--one-letter",
                action="store_true",
                help="mỗi buổi một giấy mời kèm danh sách tổ chức đảng được mời (mặc định: "
                "mỗi tổ chức một giấy mời)",
            )


def _print(text: str = "") -> None:
    print(text, flush=True)


def _cmd_check(path: Path) -> int:
    from partydesk.services.database import check_database

    report = check_database(path)
    _print(f"Tệp: {report.path}")
    if report.error is not None:
        _print(f"LỖI: {report.error.message}")
        return EXIT_UNHEALTHY
    _print(f"Phiên bản cấu trúc dữ liệu: {report.schema_version} (chương trình: {report.latest})")
    integrity = "tốt" if report.integrity == ["ok"] else "; ".join(report.integrity[:5])
    _print(f"Kiểm tra toàn vẹn: {integrity}")
    _print(f"Lỗi khóa ngoại: {report.foreign_key_problems}")
    for table, count in report.counts.items():
        _print(f"  {report.table_label(table)}: {count:,}".replace(",", "."))
    if report.healthy:
        _print("Kết quả: tệp dữ liệu tốt.")
        return EXIT_OK
    _print("Kết quả: tệp dữ liệu có vấn đề (xem các dòng trên).")
    return EXIT_UNHEALTHY


def _stderr_progress() -> Callable[[int, int, str], None]:
    """A progress callback that keeps one line on stderr up to date (stdout stays clean)."""
    last = [-1]

    def progress(done: int, total: int, message: str) -> None:
        percent = done * 100 // max(total, 1)
        if percent != last[0]:
            last[0] = percent
            print(f"\r{message} {percent}%", end="", file=sys.stderr, flush=True)

    return progress


def _cmd_demo_create(path: Path, scale: str, seed: int) -> int:
    from partydesk.services.demo import create_demo_database

    if path.exists():
        _print(f"LỖI: tệp {path} đã có; PartyDesk không ghi đè tệp dữ liệu.")
        return EXIT_USAGE
    progress = _stderr_progress()
    summary = create_demo_database(path, scale, seed, today=date.today(), progress=progress)
    print(file=sys.stderr)
    _print(f"Đã tạo {path}: {summary.describe()}")
    return EXIT_OK


class _UsageError(Exception):
    """A command-line value that names nothing usable; the message is for the clerk."""


def _find_organisation(store: Store, wanted: str) -> int:
    """The organisation whose id is ``wanted``, or whose name is exactly ``wanted`` (Unicode
    normalised, any letter case)."""
    choices = store.organisations.choices(include_ended=True)
    text = unicodedata.normalize("NFC", wanted).strip()
    if text.isdigit() and any(org_id == int(text) for org_id, _ in choices):
        return int(text)
    key = " ".join(text.casefold().split())
    found = [
        (org_id, name)
        for org_id, name in choices
        if " ".join(unicodedata.normalize("NFC", name).casefold().split()) == key
    ]
    if not found:
        raise _UsageError(
            f"không có tổ chức đảng nào có mã hoặc tên “{text}”. Ghi đúng mã số hoặc tên đầy "
            "đủ của chi bộ."
        )
    if len(found) > 1:
        listing = "; ".join(f"mã {org_id}: {name}" for org_id, name in found)
        raise _UsageError(f"có {len(found)} tổ chức cùng tên “{text}” ({listing}); hãy ghi mã.")
    return found[0][0]


def _book_period(args: argparse.Namespace) -> tuple[date, date]:
    if args.year is not None:
        if not 1930 <= args.year <= 2100:
            raise _UsageError(f"--year: năm {args.year} không hợp lệ.")
        return date(args.year, 1, 1), date(args.year, 12, 31)
    if args.date_to is None:
        raise _UsageError("--from cần đi cùng --to (đến ngày).")
    if args.date_to < args.date_from:
        raise _UsageError("--to: đến ngày phải từ ngày --from trở đi.")
    return args.date_from, args.date_to


def _check_suffix(output: Path, allowed: tuple[str, ...]) -> None:
    if output.suffix.lower() not in allowed:
        raise _UsageError(f"tệp kết quả “{output.name}” phải có đuôi {' hoặc '.join(allowed)}.")


def _export(store: Store, args: argparse.Namespace) -> int:
    """Run one export command on an open store; returns the page count (0 for DOCX)."""
    from partydesk.services.app import build_services

    services = build_services(store)
    documents = services.documents
    output: Path = args.output
    if args.export_command in EVALUATION_EXPORTS:
        return run_evaluation_export(
            services, args, lambda wanted: _find_organisation(store, wanted), _stderr_progress()
        )
    if args.export_command in BRIEFING_EXPORTS:
        _check_suffix(output, (".pdf", ".docx"))
        briefing = services.briefing_documents
        if args.export_command == "invitations":
            return briefing.write_invitations(args.briefing, output, one_letter=args.one_letter)
        write = {
            "attendance-sheet": briefing.write_attendance_sheet,
            "briefing-minutes": briefing.write_minutes,
            "briefing-conclusions": briefing.write_conclusions,
        }[args.export_command]
        return write(args.briefing, output)
    if args.export_command == "statistics":
        _check_suffix(output, (".pdf", ".xlsx"))
        try:
            period = services.statistics.period_for_year(args.year)
        except ValueError as exc:
            raise _UsageError(str(exc)) from exc
        written = services.statistics.write_report(output, period)
        return written if output.suffix.lower() == ".pdf" else 0  # pages; XLSX has none
    if args.export_command == "minutes":
        _check_suffix(output, (".pdf", ".docx"))
        return documents.write_minutes(args.meeting, output)
    _check_suffix(output, (".pdf",))
    organisation_id = _find_organisation(store, args.org)
    if args.export_command == "minute-book":
        first, last = _book_period(args)
        return documents.write_minute_book(
            organisation_id, first, last, output, volume=args.volume, progress=_stderr_progress()
        )
    return documents.write_blank_minutes(organisation_id, output)


def _cmd_export(args: argparse.Namespace, paths: DataPaths) -> int:
    from partydesk.domain.errors import ValidationError
    from partydesk.store.errors import NotFound, OpenError
    from partydesk.store.file_lock import LockHeld
    from partydesk.store.store import open_store

    if not args.output.parent.is_dir():
        _print(f"LỖI: không có thư mục {args.output.parent} để ghi tệp kết quả.")
        return EXIT_USAGE
    try:
        paths.backups.mkdir(parents=True, exist_ok=True)
        store = open_store(args.export_db, paths.backups)
    except OpenError as exc:
        _print(f"LỖI: {exc.message}")
        return EXIT_UNHEALTHY
    except LockHeld as exc:
        _print(f"LỖI: {exc.message} Hãy đóng PartyDesk trên tệp này rồi chạy lại.")
        return EXIT_UNHEALTHY
    try:
        pages = _export(store, args)
    except (_UsageError, ValidationError, NotFound) as exc:
        _print(f"LỖI: {exc}")
        return EXIT_USAGE
    except OSError as exc:
        _print(f"LỖI: không ghi được tệp {args.output}: {exc.strerror or exc}")
        return EXIT_UNHEALTHY
    finally:
        store.close()
        if args.export_command == "minute-book" or args.export_command in EVALUATION_EXPORTS:
            print(file=sys.stderr)  # end the progress line
    _print(f"Đã ghi {args.output} ({pages} trang)" if pages else f"Đã ghi {args.output}")
    return EXIT_OK


def _error(text: str) -> int:
    print(f"LỖI: {text}", file=sys.stderr, flush=True)
    return EXIT_UNHEALTHY


def _cmd_backup(db: Path, out: Path) -> int:
    from datetime import datetime

    from partydesk.services.backups import backup_file, size_text
    from partydesk.store.errors import OpenError, StoreError
    from partydesk.store.store import TABLE_LABELS

    try:
        info = backup_file(db, out, datetime.now)
    except OpenError as exc:
        return _error(exc.message)
    except StoreError as exc:
        return _error(str(exc))
    _print(f"Đã sao lưu {db} ra {info.path}")
    _print(f"Kích thước: {size_text(info.size)} ({grouped(info.size)} byte)")
    _print(f"SHA-256: {info.sha256}")
    _print(f"Phiên bản cấu trúc dữ liệu: {info.schema_version}")
    _print("Kiểm tra toàn vẹn: tốt")
    for table, count in info.counts.items():
        _print(f"  {TABLE_LABELS.get(table, table)}: {grouped(count)}")
    return EXIT_OK


def _cmd_restore(paths: DataPaths, db: Path, backup: Path) -> int:
    from datetime import datetime

    from partydesk.services.backups import restore_file
    from partydesk.store.errors import StoreError
    from partydesk.store.file_lock import DatabaseLock

    try:
        with DatabaseLock.acquire(db):
            result = restore_file(paths, db, backup, datetime.now)
    except StoreError as exc:
        return _error(str(exc))
    _print(f"Đã khôi phục {db} từ {result.restored_from}")
    if result.previous_saved_as is not None:
        _print(f"Dữ liệu trước khi khôi phục được giữ ở: {result.previous_saved_as}")
    else:
        _print("Trước đó chưa có tệp dữ liệu nên không có gì phải giữ lại.")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = data_paths(args.data_dir)
    if args.command == "check":
        return _cmd_check(args.check_db)
    if args.command == "demo":
        return _cmd_demo_create(args.file, args.demo_scale, args.seed)
    if args.command == "export":
        return _cmd_export(args, paths)
    if args.command == "backup":
        return _cmd_backup(args.backup_db, args.backup_out)
    if args.command == "restore":
        return _cmd_restore(paths, args.restore_db, args.restore_from)
    paths.ensure()
    setup_logging(paths.logs)
    if args.self_test:
        from partydesk.ui.selftest import run_self_test

        return run_self_test(log_dir=paths.logs)
    from partydesk.ui.app import run_gui

    return run_gui(paths, db=args.db, demo_scale=args.scale if args.demo else None)
