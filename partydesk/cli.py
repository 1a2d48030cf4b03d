"""The ``partydesk`` command: start the application, or do office chores without a window.

Commands that need no window (``check``, ``demo create``) never import Qt, so they work on a
server, in a script, and before a broken Qt installation is diagnosed.
"""

from __future__ import annotations

import argparse
import gettext
import logging
import sys
from datetime import date
from pathlib import Path

from partydesk._version import __version__
from partydesk.logs import setup_logging
from partydesk.paths import data_paths

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_UNHEALTHY = 1
EXIT_USAGE = 2

SCALES = ("district", "province")

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
    return parser


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


def _cmd_demo_create(path: Path, scale: str, seed: int) -> int:
    from partydesk.services.demo import create_demo_database

    if path.exists():
        _print(f"LỖI: tệp {path} đã có; PartyDesk không ghi đè tệp dữ liệu.")
        return EXIT_USAGE
    last = [-1]

    def progress(done: int, total: int, message: str) -> None:
        percent = done * 100 // max(total, 1)
        if percent != last[0]:
            last[0] = percent
            print(f"\r{message} {percent}%", end="", file=sys.stderr, flush=True)

    summary = create_demo_database(path, scale, seed, today=date.today(), progress=progress)
    print(file=sys.stderr)
    _print(f"Đã tạo {path}: {summary.describe()}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = data_paths(args.data_dir)
    if args.command == "check":
        return _cmd_check(args.check_db)
    if args.command == "demo":
        return _cmd_demo_create(args.file, args.demo_scale, args.seed)
    paths.ensure()
    setup_logging(paths.logs)
    if args.self_test:
        from partydesk.ui.selftest import run_self_test

        return run_self_test()
    from partydesk.ui.app import run_gui

    return run_gui(paths, db=args.db, demo_scale=args.scale if args.demo else None)
