"""The columns an import can fill, for members and for enterprises, and how headings match them.

Each column names the record field it fills (``key``), its Vietnamese label (the template's
heading), other headings offices use for it (``aliases``), an example value for the template,
how its cells are read and what the template's guide sheet says about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from partydesk.domain.enterprise import ENTERPRISE_TYPE_LABELS
from partydesk.domain.text import fold


class ImportKind(StrEnum):
    MEMBERS = "dang-vien"
    ENTERPRISES = "doanh-nghiep"

    @property
    def label(self) -> str:
        return "Đảng viên" if self is ImportKind.MEMBERS else "Doanh nghiệp"


class ValueType(StrEnum):
    """How a column's cells are read; the template's cell formats follow it too."""

    TEXT = "text"
    DATE = "date"
    IDENTIFIER = "identifier"  # digits kept as text: leading zeros count
    INTEGER = "integer"
    CHOICE = "choice"
    YES_NO = "yes-no"
    REFERENCE = "reference"  # a name (or code) that must exist in the register


@dataclass(frozen=True, slots=True)
class ImportColumn:
    """A column PartyDesk can fill from a file. ``aliases`` are other headings meaning it."""

    key: str
    label: str
    required: bool
    aliases: tuple[str, ...]
    example: str
    value_type: ValueType = ValueType.TEXT
    hint: str = ""  # what the guide sheet says about the column
    digits: tuple[int, ...] = ()  # identifiers: the lengths a correct value can have


_DATE = "Ngày dạng dd/mm/yyyy (ví dụ 15/03/1985) hoặc ô kiểu ngày của Excel."
_ZEROS = "Định dạng cột là Văn bản (Text) để giữ số 0 ở đầu."
_TEXT, _DATE_T, _ID = ValueType.TEXT, ValueType.DATE, ValueType.IDENTIFIER
_CHOICE, _REF = ValueType.CHOICE, ValueType.REFERENCE

# fmt: off
MEMBER_COLUMNS: tuple[ImportColumn, ...] = (
    ImportColumn("full_name", "Họ và tên", True,
                 ("Họ tên", "Họ và tên đảng viên", "Tên đảng viên", "Họ tên đảng viên"),
                 "Nguyễn Văn An", _TEXT, "Ghi đủ họ và tên, có dấu."),
    ImportColumn("birth_date", "Ngày sinh", False,
                 ("Ngày, tháng, năm sinh", "Sinh ngày"),
                 "15/03/1985", _DATE_T, _DATE),
    ImportColumn("gender", "Giới tính", False, ("Nam/Nữ", "Phái"),
                 "Nam", _CHOICE, "Nam hoặc Nữ."),
    ImportColumn("ethnicity", "Dân tộc", False, (), "Kinh", _TEXT, "Để trống: Kinh."),
    ImportColumn("religion", "Tôn giáo", False, (), "Không", _TEXT, "Để trống: Không."),
    ImportColumn("cccd", "Số CCCD", False,
                 ("CCCD", "Số căn cước", "Căn cước công dân", "Số căn cước công dân",
                  "Số định danh", "Số định danh cá nhân", "CMND/CCCD", "Số CMND/CCCD"),
                 "001085012345", _ID, f"12 chữ số. {_ZEROS}", (12,)),
    ImportColumn("card_number", "Số thẻ đảng viên", False,
                 ("Số thẻ", "Số thẻ Đảng", "Thẻ đảng viên"),
                 "01012345", _ID, f"Chỉ gồm chữ số. {_ZEROS}"),
    ImportColumn("dossier_number", "Số lý lịch", False, ("Số lý lịch đảng viên", "Số LL"),
                 "0123456", _ID, f"Chỉ gồm chữ số. {_ZEROS}"),
    ImportColumn("admission_decision_date", "Ngày vào Đảng", False,
                 ("Ngày kết nạp", "Ngày quyết định kết nạp", "Ngày kết nạp Đảng"),
                 "10/05/2015", _DATE_T, f"Ngày quyết định kết nạp. {_DATE}"),
    ImportColumn("admission_decision_number", "Số quyết định kết nạp", False,
                 ("Số QĐ kết nạp", "Quyết định kết nạp"), "125-QĐ/ĐU"),
    ImportColumn("ceremony_date", "Ngày lễ kết nạp", False, ("Ngày tổ chức lễ kết nạp",),
                 "19/05/2015", _DATE_T, _DATE),
    ImportColumn("official_date", "Ngày chính thức", False,
                 ("Ngày công nhận chính thức", "Ngày chuyển chính thức",
                  "Ngày đảng viên chính thức"),
                 "19/05/2016", _DATE_T, f"Để trống nếu còn dự bị. {_DATE}"),
    ImportColumn("standing", "Chính thức/Dự bị", False,
                 ("Loại đảng viên", "Đảng viên chính thức/dự bị", "Dự bị/Chính thức"),
                 "Chính thức", _CHOICE,
                 "Chính thức hoặc Dự bị. Để trống: chính thức nếu có ngày chính thức, "
                 "còn không là dự bị."),
    ImportColumn("organisation", "Tổ chức đảng", True,
                 ("Chi bộ", "Tổ chức đảng sinh hoạt", "Sinh hoạt tại chi bộ", "Tên chi bộ",
                  "Chi bộ sinh hoạt"),
                 "Chi bộ Công ty Cổ phần Minh Phát", _REF,
                 "Tên tổ chức đảng đúng như trong sổ của PartyDesk (hoặc ký hiệu, nếu chỉ một "
                 "tổ chức có ký hiệu đó)."),
    ImportColumn("enterprise", "Doanh nghiệp nơi làm việc", False,
                 ("Doanh nghiệp", "Nơi làm việc", "Đơn vị công tác", "Nơi công tác", "Công ty"),
                 "Công ty Cổ phần Minh Phát", _REF,
                 "Tên doanh nghiệp như trong sổ của PartyDesk, hoặc mã số thuế của doanh nghiệp."),
    ImportColumn("job_title", "Chức vụ, nghề nghiệp", False,
                 ("Chức vụ", "Nghề nghiệp", "Chức vụ, vị trí việc làm", "Vị trí việc làm"),
                 "Trưởng phòng Kỹ thuật"),
    ImportColumn("phone", "Điện thoại", False, ("Số điện thoại", "SĐT", "ĐT", "Di động"),
                 "0912345678", _ID, f"10 hoặc 11 chữ số. {_ZEROS}"),
    ImportColumn("email", "Thư điện tử", False, ("Email", "E-mail"), "an.nv@minhphat.vn"),
    ImportColumn("hometown", "Quê quán", False, (), "Xã Đông Anh, Hà Nội"),
    ImportColumn("residence", "Nơi cư trú", False,
                 ("Địa chỉ", "Nơi ở hiện nay", "Chỗ ở hiện nay", "Nơi thường trú",
                  "Địa chỉ thường trú", "Quê quán/địa chỉ"),
                 "Phường An Khánh, Hà Nội"),
    ImportColumn("education", "Trình độ học vấn", False,
                 ("Học vấn", "Trình độ văn hóa", "Giáo dục phổ thông"), "12/12"),
    ImportColumn("expertise", "Chuyên môn", False,
                 ("Trình độ chuyên môn", "Chuyên môn nghiệp vụ"), "Kỹ sư cơ khí"),
    ImportColumn("political_theory", "Lý luận chính trị", False,
                 ("Trình độ lý luận chính trị", "LLCT"), "Trung cấp"),
    ImportColumn("notes", "Ghi chú", False, (), ""),
)

ENTERPRISE_COLUMNS: tuple[ImportColumn, ...] = (
    ImportColumn("name", "Tên doanh nghiệp", True,
                 ("Tên", "Tên đơn vị", "Tên công ty", "Doanh nghiệp", "Tên DN"),
                 "Công ty Cổ phần Minh Phát"),
    ImportColumn("tax_code", "Mã số thuế", False,
                 ("MST", "Mã số doanh nghiệp", "Mã số DN", "Mã số thuế doanh nghiệp"),
                 "0102345677", _ID,
                 f"10 chữ số, hoặc 10 chữ số-3 chữ số cho đơn vị phụ thuộc. {_ZEROS}", (10, 13)),
    ImportColumn("type", "Loại hình", True,
                 ("Loại hình doanh nghiệp", "Loại hình DN", "Loại doanh nghiệp"),
                 "Tư nhân", _CHOICE,
                 "Một trong: " + "; ".join(ENTERPRISE_TYPE_LABELS.values())
                 + ". Cũng nhận: Nhà nước, Tư nhân, TNHH, FDI, Hợp tác xã, Khác."),
    ImportColumn("established_on", "Ngày thành lập", False,
                 ("Ngày thành lập doanh nghiệp", "Ngày thành lập DN", "Thành lập ngày",
                  "Ngày đăng ký lần đầu", "Ngày đăng ký doanh nghiệp lần đầu"),
                 "12/04/2012", _DATE_T,
                 "Ngày đăng ký doanh nghiệp lần đầu. Trước ngày này doanh nghiệp không được tính"
                 f" vào số liệu thống kê. Để trống nếu không rõ. {_DATE}"),
    ImportColumn("sector", "Ngành nghề", False,
                 ("Ngành nghề kinh doanh", "Lĩnh vực", "Ngành nghề chính", "Lĩnh vực hoạt động"),
                 "Sản xuất cơ khí"),
    ImportColumn("address", "Địa chỉ", False, ("Trụ sở", "Địa chỉ trụ sở"),
                 "Số 12 đường Lê Lợi"),
    ImportColumn("ward", "Phường, xã", False, ("Phường", "Xã", "Địa bàn"),
                 "Phường An Khánh"),
    ImportColumn("workforce", "Số lao động", False,
                 ("Lao động", "Tổng số lao động", "Số công nhân viên", "Số người lao động"),
                 "120", ValueType.INTEGER, "Số nguyên, không âm."),
    ImportColumn("workforce_counted_on", "Ngày thống kê lao động", False,
                 ("Thống kê lao động ngày",), "01/01/2025", _DATE_T, _DATE),
    ImportColumn("legal_representative", "Người đại diện theo pháp luật", False,
                 ("Người đại diện", "Đại diện pháp luật", "Người đại diện pháp luật",
                  "Giám đốc"),
                 "Trần Thị Bình"),
    ImportColumn("owner_is_member", "Chủ doanh nghiệp là đảng viên", False,
                 ("Chủ DN là đảng viên",), "Không", ValueType.YES_NO,
                 "Có hoặc Không (để trống: Không)."),
    ImportColumn("notes", "Ghi chú", False, (), ""),
)
# fmt: on


def columns(kind: ImportKind) -> tuple[ImportColumn, ...]:
    return MEMBER_COLUMNS if kind is ImportKind.MEMBERS else ENTERPRISE_COLUMNS


def column_by_key(kind: ImportKind) -> dict[str, ImportColumn]:
    return {c.key: c for c in columns(kind)}


def heading_key(text: str) -> str:
    """A heading compared loosely: folded, without punctuation, "(…)" notes or "*" marks."""
    text = re.sub(r"\([^)]*\)", " ", fold(text))
    return " ".join(re.findall(r"[^\W_]+", text))
