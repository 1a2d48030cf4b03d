"""``partydesk export invitations|attendance-sheet|briefing-minutes|briefing-conclusions``."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from partydesk.cli import EXIT_OK, EXIT_USAGE, main
from partydesk.services.app import AppServices
from partydesk.store.store import open_store
from tests.cli_office import CliOffice
from tests.reports.test_hd36 import squash
from tests.services.test_briefing_documents import SECRETARY, seed_round


class Office(CliOffice):
    """A database file with one held briefing round of two sittings."""

    def seed(self, services: AppServices) -> None:
        self.briefing_id = seed_round(services).id

    def export(self, command: str, output: str, *extra: str, briefing: int | None = None) -> int:
        """Export the round's ``command`` document to ``out/<output>``."""
        return self.run(
            command,
            "--db",
            str(self.db),
            "--briefing",
            str(self.briefing_id if briefing is None else briefing),
            "-o",
            str(self.out / output),
            *extra,
        )

    def register(self) -> list[tuple[str, str]]:
        store = open_store(self.db, self.data_dir / "backups")
        try:
            rows = store.db.execute(
                "SELECT kind, source FROM outgoing_documents ORDER BY id"
            ).fetchall()
        finally:
            store.close()
        return [tuple(row) for row in rows]


@pytest.fixture
def office(tmp_path: Path) -> Office:
    return Office(tmp_path)


def text_of(path: Path) -> str:
    return squash(" ".join(page.extract_text() for page in PdfReader(path).pages))


def test_every_briefing_document_exports_and_numbers_once(office, capsys):
    assert office.export("invitations", "giay-moi.pdf") == EXIT_OK
    assert "(2 trang)" in capsys.readouterr().out
    text = text_of(office.out / "giay-moi.pdf")
    assert "Số 01-GM/ĐU" in text and "Số 02-GM/ĐU" in text and SECRETARY in text

    assert office.export("invitations", "giay-moi-chung.pdf", "--one-letter") == EXIT_OK
    assert "DANH SÁCH TỔ CHỨC ĐẢNG ĐƯỢC MỜI" in text_of(office.out / "giay-moi-chung.pdf")

    assert office.export("attendance-sheet", "diem-danh.pdf") == EXIT_OK
    assert "Họ và tên người dự" in text_of(office.out / "diem-danh.pdf")

    assert office.export("briefing-minutes", "bien-ban.docx") == EXIT_OK
    paragraphs = [p.text for p in docx.Document(str(office.out / "bien-ban.docx")).paragraphs]
    assert "BIÊN BẢN" in paragraphs

    assert office.export("briefing-conclusions", "thong-bao.pdf") == EXIT_OK
    text = text_of(office.out / "thong-bao.pdf")
    assert "Số 01-TB/ĐU" in text and "Đã bố trí phòng họp tầng 2" in text

    assert [kind for kind, _ in office.register()] == ["GM", "GM", "BB", "TB"]


def test_an_unknown_briefing_is_a_vietnamese_usage_error(office, capsys):
    assert office.export("briefing-minutes", "bien-ban.pdf", briefing=999) == EXIT_USAGE
    assert "LỖI: Không tìm thấy hội nghị giao ban có mã 999." in capsys.readouterr().out
    assert not (office.out / "bien-ban.pdf").exists()


def test_a_wrong_suffix_is_refused_before_any_number_is_taken(office, capsys):
    assert office.export("invitations", "giay-moi.odt") == EXIT_USAGE
    assert "phải có đuôi .pdf hoặc .docx" in capsys.readouterr().out
    assert office.register() == []


def test_the_help_is_in_vietnamese(capsys):
    with pytest.raises(SystemExit):
        main(["export", "invitations", "--help"])
    out = capsys.readouterr().out
    assert "--one-letter" in out and "mỗi tổ chức một giấy mời" in out
