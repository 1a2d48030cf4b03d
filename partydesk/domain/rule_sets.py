"""Dated rule sets of the annual evaluation: data, not code (domain.md §0, §2).

A rule set names the regulation and guidance in force, the level names, the score bands of a
scored year, the forms, who is not evaluated, the quota, the caps on disciplined and
probationary members, and the default calendar of the cycle. The year being evaluated picks
its rule set (``rule_set_for_year``); an office adjusts one in settings when a new guidance
arrives (stored as JSON, with the change recorded by the store). Facts not verified in the
domain brief are defaults an office can change, never hard-coded branches.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date

from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import (
    DEFAULT_LEVEL_NAMES,
    LEVEL_ORDER,
    Exclusion,
    Level,
    MemberForm,
)


@dataclass(frozen=True, slots=True)
class FormSpec:
    """A printed form: its short code ("2C"), full code as printed, and title."""

    code: str
    full_code: str
    title: str


@dataclass(frozen=True, slots=True)
class Deadline:
    """A default date of the cycle: month and day, in the evaluated year or the one after."""

    month: int
    day: int
    next_year: bool = False

    def in_cycle(self, year: int) -> date:
        return date(year + 1 if self.next_year else year, self.month, self.day)


@dataclass(frozen=True, slots=True)
class RuleSet:
    code: str
    name: str  # short, for lists: "QĐ 366 / HD 43"
    regulation: str  # printed in forms: "Quy định số 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị"
    guidance: str
    first_year: int
    last_year: int | None  # None: in force until a later rule set starts
    scored: bool = False
    # Minimum score (inclusive) of each level, highest first; the lowest level takes the rest.
    bands: tuple[tuple[Level, float], ...] = ()
    level_names: tuple[str, str, str, str] = tuple(DEFAULT_LEVEL_NAMES[lv] for lv in LEVEL_ORDER)
    org_form: FormSpec = FormSpec("01", "Mẫu 01", "Báo cáo kiểm điểm tập thể")
    member_forms: tuple[tuple[MemberForm, FormSpec], ...] = ()
    exclusions: frozenset[Exclusion] = frozenset(Exclusion)
    new_member_months: int = 6
    quota_share: float = 0.20  # HTXSNV at most this share of HTTNV, per comparison group
    quota_round_half_up: bool = False  # False: the allowed number is rounded down
    disciplined_max: Level = Level.FAILED  # a member disciplined in the year is rated at most this
    probationary_max: Level | None = None  # some localities refuse HTXSNV to dự bị members
    ballot_majority: float = 0.5  # a level needs more than this share of valid ballots
    member_deadline: Deadline = Deadline(12, 5)
    cell_deadline: Deadline = Deadline(12, 20)
    decision_deadline: Deadline = Deadline(1, 31, next_year=True)
    notes: str = field(default="")

    def level_name(self, level: Level) -> str:
        return self.level_names[level.rank - 1]

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def form_for(self, kind: MemberForm) -> FormSpec:
        """The form of that kind, falling back to 2A/2B when the rule set has no 2C."""
        forms = dict(self.member_forms)
        if kind in forms:
            return forms[kind]
        if kind is MemberForm.OUTSIDE:
            return self.form_for(MemberForm.STAFF)
        return forms.get(MemberForm.STAFF) or next(iter(forms.values()))

    @property
    def has_outside_form(self) -> bool:
        return MemberForm.OUTSIDE in dict(self.member_forms)


_SINGLE_2019 = FormSpec("02", "Mẫu 02-HD KĐ.ĐG 2019", "Bản kiểm điểm cá nhân")

BUILTIN_RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(
        code="QD132",
        name="QĐ 132 / HD 21",
        regulation="Quy định số 132-QĐ/TW ngày 08/3/2018 của Bộ Chính trị",
        guidance="Hướng dẫn số 21-HD/BTCTW ngày 18/10/2019 của Ban Tổ chức Trung ương",
        first_year=2018,
        last_year=2022,
        member_forms=(
            (MemberForm.STAFF, _SINGLE_2019),
            (MemberForm.LEADER, _SINGLE_2019),
        ),
    ),
    RuleSet(
        code="QD124",
        name="QĐ 124 / HD 25",
        regulation="Quy định số 124-QĐ/TW ngày 04/10/2023 của Bộ Chính trị",
        guidance="Hướng dẫn số 25-HD/BTCTW ngày 10/11/2023 của Ban Tổ chức Trung ương",
        first_year=2023,
        last_year=2024,
        member_forms=(
            (
                MemberForm.STAFF,
                FormSpec(
                    "02A",
                    "Mẫu 02A-HD KĐ.ĐG 2023",
                    "Bản kiểm điểm cá nhân (dùng cho cán bộ, đảng viên không giữ chức vụ lãnh"
                    " đạo, quản lý)",
                ),
            ),
            (
                MemberForm.LEADER,
                FormSpec(
                    "02B",
                    "Mẫu 02B-HD KĐ.ĐG 2023",
                    "Bản kiểm điểm cá nhân (dùng cho cán bộ lãnh đạo, quản lý)",
                ),
            ),
        ),
    ),
    RuleSet(
        code="QD366",
        name="QĐ 366 / HD 43",
        regulation="Quy định số 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị",
        guidance="Hướng dẫn số 43-HD/BTCTW ngày 31/10/2025 của Ban Tổ chức Trung ương",
        first_year=2025,
        last_year=None,
        scored=True,
        bands=((Level.EXCELLENT, 90.0), (Level.GOOD, 70.0), (Level.COMPLETED, 50.0)),
        member_forms=(
            (
                MemberForm.STAFF,
                FormSpec(
                    "2A",
                    "Mẫu 2A-HD KĐ.ĐG 2025",
                    "Bản tự đánh giá, xếp loại chất lượng (dùng cho đảng viên không giữ chức"
                    " vụ lãnh đạo, quản lý)",
                ),
            ),
            (
                MemberForm.LEADER,
                FormSpec(
                    "2B",
                    "Mẫu 2B-HD KĐ.ĐG 2025",
                    "Bản tự đánh giá, xếp loại chất lượng (dùng cho cán bộ lãnh đạo, quản lý)",
                ),
            ),
            (
                MemberForm.OUTSIDE,
                FormSpec(
                    "2C",
                    "Mẫu 2C-HD KĐ.ĐG 2025",
                    "Bản kiểm điểm đảng viên (dùng cho đảng viên không làm việc trong hệ thống"
                    " chính trị)",
                ),
            ),
        ),
    ),
)


def rule_set_for_year(year: int, rule_sets: tuple[RuleSet, ...] | list[RuleSet]) -> RuleSet:
    """The rule set in force for an evaluated year; the latest one covers every later year."""
    for rule_set in rule_sets:
        if rule_set.covers(year):
            return rule_set
    raise ValidationError(
        "nam",
        f"Chưa có bộ quy tắc đánh giá cho năm {year} (các bộ hiện có bắt đầu từ năm "
        f"{min(r.first_year for r in rule_sets)}).",
    )


# --- JSON: an office's adjusted rule set is stored as the whole set, so old files stay readable


def rule_set_to_json(rule_set: RuleSet) -> str:
    data = {
        "code": rule_set.code,
        "name": rule_set.name,
        "regulation": rule_set.regulation,
        "guidance": rule_set.guidance,
        "first_year": rule_set.first_year,
        "last_year": rule_set.last_year,
        "scored": rule_set.scored,
        "bands": [[lv.value, score] for lv, score in rule_set.bands],
        "level_names": list(rule_set.level_names),
        "org_form": _form_to_dict(rule_set.org_form),
        "member_forms": [[k.value, _form_to_dict(f)] for k, f in rule_set.member_forms],
        "exclusions": sorted(e.value for e in rule_set.exclusions),
        "new_member_months": rule_set.new_member_months,
        "quota_share": rule_set.quota_share,
        "quota_round_half_up": rule_set.quota_round_half_up,
        "disciplined_max": rule_set.disciplined_max.value,
        "probationary_max": rule_set.probationary_max.value if rule_set.probationary_max else None,
        "ballot_majority": rule_set.ballot_majority,
        "member_deadline": _deadline_to_list(rule_set.member_deadline),
        "cell_deadline": _deadline_to_list(rule_set.cell_deadline),
        "decision_deadline": _deadline_to_list(rule_set.decision_deadline),
        "notes": rule_set.notes,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def rule_set_from_json(text: str, fallback: RuleSet) -> RuleSet:
    """Read a stored rule set; keys missing from an older file keep the fallback's values."""
    data = json.loads(text)
    values: dict = {}
    simple = [
        "code",
        "name",
        "regulation",
        "guidance",
        "first_year",
        "last_year",
        "scored",
        "new_member_months",
        "quota_share",
        "quota_round_half_up",
        "ballot_majority",
        "notes",
    ]
    for key in simple:
        if key in data:
            values[key] = data[key]
    if "bands" in data:
        values["bands"] = tuple((Level(lv), float(score)) for lv, score in data["bands"])
    if "level_names" in data:
        values["level_names"] = tuple(data["level_names"])
    if "org_form" in data:
        values["org_form"] = FormSpec(**data["org_form"])
    if "member_forms" in data:
        values["member_forms"] = tuple(
            (MemberForm(k), FormSpec(**f)) for k, f in data["member_forms"]
        )
    if "exclusions" in data:
        values["exclusions"] = frozenset(Exclusion(e) for e in data["exclusions"])
    if "disciplined_max" in data:
        values["disciplined_max"] = Level(data["disciplined_max"])
    if "probationary_max" in data:
        cap = data["probationary_max"]
        values["probationary_max"] = Level(cap) if cap else None
    for key in ("member_deadline", "cell_deadline", "decision_deadline"):
        if key in data:
            values[key] = Deadline(*data[key])
    return replace(fallback, **values)


def _form_to_dict(form: FormSpec) -> dict[str, str]:
    return {"code": form.code, "full_code": form.full_code, "title": form.title}


def _deadline_to_list(deadline: Deadline) -> list:
    return [deadline.month, deadline.day, deadline.next_year]
