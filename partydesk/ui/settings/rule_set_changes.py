"""What an adjustment of a rule set changed, in words: "Tỷ lệ HTXSNV tối đa: 20% → 25%".

The store keeps each adjustment as the whole rule set before and after (JSON, see
``domain.rule_sets.rule_set_to_json``); the settings box lists the differences key by key.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from partydesk.domain.evaluation import Exclusion, Level, MemberForm
from partydesk.domain.evaluation_rules import format_score
from partydesk.domain.numbers import share_text

ARROW = " → "
_FORM_CODES = {MemberForm.STAFF.value: "2A", MemberForm.LEADER.value: "2B", "C": "2C"}
_FORM_PARTS = {"code": "mã", "full_code": "ký hiệu", "title": "tên"}


def _level(value: object) -> str:
    return Level(str(value)).short if value else "Không giới hạn"


def _share(value: object) -> str:
    return share_text(float(str(value)))


def _rounding(value: object) -> str:
    return "làm tròn gần nhất" if value else "làm tròn xuống"


def _deadline(value: object) -> str:
    month, day, next_year = value  # type: ignore[misc]
    return f"{day:02d}/{month:02d}" + (" năm sau" if next_year else "")


def _plain(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float):
        return format_score(value)
    return str(value)


# key → (label, formatter); keys not listed here (the code) are not adjustable.
_SIMPLE: dict[str, tuple[str, Callable[[object], str]]] = {
    "name": ("Tên", _plain),
    "regulation": ("Quy định", _plain),
    "guidance": ("Hướng dẫn", _plain),
    "first_year": ("Áp dụng từ năm", _plain),
    "last_year": ("Áp dụng đến năm", _plain),
    "scored": ("Chấm điểm", _plain),
    "new_member_months": ("Số tháng kết nạp chưa đánh giá", _plain),
    "quota_share": ("Tỷ lệ HTXSNV tối đa", _share),
    "quota_round_half_up": ("Cách làm tròn", _rounding),
    "disciplined_max": ("Mức tối đa khi bị kỷ luật", _level),
    "probationary_max": ("Mức tối đa của đảng viên dự bị", _level),
    "ballot_majority": ("Tỷ lệ phiếu cần đạt", _share),
    "member_deadline": ("Hạn đảng viên nộp bản kiểm điểm", _deadline),
    "cell_deadline": ("Hạn chi bộ họp kiểm điểm", _deadline),
    "decision_deadline": ("Hạn cấp ủy quyết định", _deadline),
    "notes": ("Ghi chú", _plain),
}
_LEVELS = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")


def describe_change(before_json: str, after_json: str) -> list[str]:
    """One line per changed setting: "Tỷ lệ HTXSNV tối đa: 20% → 25%"."""
    before, after = json.loads(before_json), json.loads(after_json)
    lines = [
        f"{label}: {show(before.get(key))}{ARROW}{show(after.get(key))}"
        for key, (label, show) in _SIMPLE.items()
        if before.get(key) != after.get(key)
    ]
    lines += _level_names(before.get("level_names") or [], after.get("level_names") or [])
    lines += _bands(before.get("bands") or [], after.get("bands") or [])
    lines += _forms(before, after)
    lines += _exclusions(before.get("exclusions") or [], after.get("exclusions") or [])
    return lines


def _level_names(before: list[str], after: list[str]) -> list[str]:
    return [
        f"Tên mức {short}: {old}{ARROW}{new}"
        for short, old, new in zip(_LEVELS, before, after, strict=False)
        if old != new
    ]


def _bands(before: list, after: list) -> list[str]:
    old, new = dict((lv, s) for lv, s in before), dict((lv, s) for lv, s in after)
    lines = []
    for level in _LEVELS:
        if old.get(level) != new.get(level):
            lines.append(
                f"Điểm tối thiểu {level}: {_score(old.get(level))}{ARROW}{_score(new.get(level))}"
            )
    return lines


def _score(value: float | None) -> str:
    return "—" if value is None else format_score(float(value))


def _forms(before: dict, after: dict) -> list[str]:
    def by_code(data: dict) -> dict[str, dict]:
        forms = {"01": data.get("org_form") or {}}
        for kind, form in data.get("member_forms") or []:
            forms[_FORM_CODES.get(kind, kind)] = form
        return forms

    old, new = by_code(before), by_code(after)
    lines = []
    for code in dict.fromkeys([*old, *new]):
        if code not in new:
            lines.append(f"Bỏ mẫu {code}")
            continue
        if code not in old:
            lines.append(f"Thêm mẫu {code}: {new[code].get('title', '')}")
            continue
        for part, label in _FORM_PARTS.items():
            was, now = old[code].get(part, ""), new[code].get(part, "")
            if was != now:
                lines.append(f"Mẫu {code}, {label}: {was}{ARROW}{now}")
    return lines


def _exclusions(before: list[str], after: list[str]) -> list[str]:
    added = [Exclusion(e).label for e in after if e not in before]
    removed = [Exclusion(e).label for e in before if e not in after]
    lines = []
    if added:
        lines.append("Thêm trường hợp không đánh giá: " + "; ".join(added))
    if removed:
        lines.append("Bỏ trường hợp không đánh giá: " + "; ".join(removed))
    return lines
