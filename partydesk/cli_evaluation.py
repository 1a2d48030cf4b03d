"""The ``partydesk export`` commands of the annual evaluation (forms, ballots, sheets).

Kept apart from ``cli`` so that module stays readable; ``cli`` adds these sub-commands to its
export parser and hands them back here to run. Like every export, they never import Qt.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from partydesk.services.app import AppServices

EVALUATION_EXPORTS = {
    "evaluation-forms": (
        "bản kiểm điểm, tự đánh giá in sẵn (Mẫu 01, 2A/2B/2C)",
        "In bản kiểm điểm của từng đảng viên (đúng mẫu theo trường hợp) và báo cáo kiểm điểm "
        "tập thể (Mẫu 01) của một tổ chức đảng hoặc của tất cả: một tệp .pdf, hoặc một thư mục "
        "với mỗi tổ chức một tệp.",
        "tệp .pdf, hoặc thư mục (mỗi tổ chức đảng một tệp)",
    ),
    "ballots": (
        "phiếu đánh giá, xếp loại đảng viên",
        "In phiếu đánh giá, xếp loại chất lượng đảng viên: mỗi đảng viên được đánh giá một "
        "phiếu, của một tổ chức đảng hoặc của tất cả.",
        "tệp .pdf, hoặc thư mục (mỗi tổ chức đảng một tệp)",
    ),
    "count-record": (
        "biên bản kiểm phiếu của một tổ chức đảng",
        "In biên bản kiểm phiếu đánh giá, xếp loại đảng viên từ kết quả kiểm phiếu đã nhập.",
        "tệp PDF kết quả",
    ),
    "evaluation-decisions": (
        "quyết định công nhận kết quả xếp loại",
        "In quyết định công nhận kết quả xếp loại của một tổ chức đảng hoặc của mọi tổ chức đã "
        "có quyết định; quyết định chưa có số được lấy số tiếp theo trong sổ văn bản đi.",
        "tệp .pdf, hoặc thư mục (mỗi tổ chức đảng một tệp)",
    ),
    "classification-sheet": (
        "biểu tổng hợp kết quả xếp loại của năm",
        "In biểu tổng hợp kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên của "
        "một năm, so sánh với năm trước: .pdf (khổ A4 ngang) hoặc .xlsx để gửi cấp trên.",
        "tệp kết quả, đuôi .pdf hoặc .xlsx",
    ),
}
_NEEDS_ORG = {"count-record"}
_TAKES_ORG = {"evaluation-forms", "ballots", "count-record", "evaluation-decisions"}


def add_evaluation_exports(document: Callable[[str, str, str, str], Any]) -> None:
    """Add the evaluation sub-commands through ``cli``'s ``document(name, help, description,
    output_help)`` helper, which adds --db and -o."""
    for name, (help_text, description, output_help) in EVALUATION_EXPORTS.items():
        sub = document(name, help_text, description, output_help)
        sub.add_argument(
            "--year", metavar="NĂM", type=int, required=True, help="năm đánh giá, ví dụ 2025"
        )
        if name in _TAKES_ORG:
            sub.add_argument(
                "--org",
                metavar="TỔ_CHỨC",
                required=name in _NEEDS_ORG,
                help="mã hoặc tên đầy đủ của tổ chức đảng (bỏ trống: tất cả)",
            )


def run_evaluation_export(
    services: AppServices,
    args: argparse.Namespace,
    find_organisation: Callable[[str], int],
    progress: Callable[[int, int, str], None],
) -> int:
    """Run one evaluation export; returns the page count (0 for a workbook)."""
    from partydesk.domain.errors import ValidationError

    cycle = services.evaluation.cycle_for_year(args.year)
    if cycle is None:
        raise ValidationError("year", f"--year: năm {args.year} chưa có kỳ đánh giá.")
    output: Path = args.output
    documents = services.evaluation_documents
    if args.export_command == "classification-sheet":
        return documents.write_sheet(cycle.id, output, progress)
    organisation_id = find_organisation(args.org) if args.org else None
    if args.export_command == "count-record":
        return documents.write_count_record(cycle.id, organisation_id, output, progress)
    write = {
        "evaluation-forms": documents.write_forms,
        "ballots": documents.write_ballots,
        "evaluation-decisions": documents.write_decisions,
    }[args.export_command]
    return write(cycle.id, output, organisation_id=organisation_id, progress=progress)
