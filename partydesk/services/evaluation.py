"""The annual evaluation cycle: rule sets, opening a year, entering each stage, checks, closing.

Every save runs the rule set's checks. A blocking violation (score band, discipline or
probation cap) is saved only with an override reason, which is kept; the quota is a warning
that may also carry a reason. A closed cycle is a finished record and can only be reopened
with a reason. See domain.md §2.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import (
    BallotCount,
    Cycle,
    MemberEvaluation,
    OrgEvaluation,
    Override,
    RuleCode,
    Stage,
    Subject,
    Violation,
)
from partydesk.domain.evaluation_history import member_flags, org_flags
from partydesk.domain.evaluation_rules import (
    Tally,
    member_quota_group,
    member_violations,
    org_quota_group,
    org_violations,
    quota_violations,
    tally,
    unresolved,
    validate_member_evaluation,
    validate_org_evaluation,
)
from partydesk.domain.organisation import OrgKind
from partydesk.domain.rule_sets import RuleSet, rule_set_for_year
from partydesk.domain.text import clean_multiline, clean_text
from partydesk.services.audit import audited
from partydesk.services.evaluation_roster import build_roster
from partydesk.services.evaluation_rule_sets import RuleSetBook
from partydesk.services.progress import Progress, no_progress
from partydesk.store.evaluation import OrgProgress
from partydesk.store.store import Store


class EvaluationRefused(Exception):
    """A save or a step refused by the rules; ``violations`` lists what needs a reason."""

    def __init__(self, message: str, violations: Sequence[Violation] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.violations = tuple(violations)


@dataclass(frozen=True, slots=True)
class CycleCheck:
    """Every rule check of a cycle (or one organisation of it) with the kept reasons."""

    violations: tuple[Violation, ...]
    overrides: tuple[Override, ...]

    @property
    def unresolved(self) -> list[Violation]:
        return unresolved(self.violations, self.overrides)

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if not v.blocks]

    def reason_for(self, violation: Violation) -> str:
        for override in self.overrides:
            if override.subject == violation.subject and override.rule is violation.rule:
                return override.reason
        return ""


@dataclass(frozen=True, slots=True)
class History:
    rows: tuple[tuple[int, object], ...]  # (year, MemberEvaluation | OrgEvaluation), oldest first
    flags: tuple[str, ...]


OverrideReasons = Mapping[tuple[Subject, RuleCode], str]


class EvaluationService:
    def __init__(self, store: Store, today: Callable[[], date] = date.today) -> None:
        self._store = store
        self._today = today
        self.rule_sets = RuleSetBook(store)

    def today(self) -> date:
        return self._today()

    # --- cycles -----------------------------------------------------------------------------

    def cycles(self) -> list[Cycle]:
        return self._store.evaluation.cycles()

    def cycle(self, cycle_id: int) -> Cycle:
        return self._store.evaluation.cycle(cycle_id)

    def cycle_for_year(self, year: int) -> Cycle | None:
        return self._store.evaluation.cycle_for_year(year)

    def rules_of(self, cycle: Cycle) -> RuleSet:
        """The rules a cycle is judged by: its snapshot once closed, the office's current set
        while open (so an adjustment made when a new guidance arrives applies at once)."""
        if cycle.is_closed:
            snapshot = self._store.evaluation.rules_snapshot(cycle.id)
            if snapshot:
                return self.rule_sets.from_json(snapshot, cycle.rule_set_code)
        return self.rule_sets.get(cycle.rule_set_code)

    def propose_cycle(self, year: int) -> Cycle:
        """A new cycle for the year with the rule set's default calendar, not yet saved."""
        rule_set = rule_set_for_year(year, self.rule_sets.all())
        return Cycle(
            year=year,
            rule_set_code=rule_set.code,
            reference_date=date(year, 12, 31),
            opened_on=self._today(),
            member_deadline=rule_set.member_deadline.in_cycle(year),
            cell_deadline=rule_set.cell_deadline.in_cycle(year),
            decision_deadline=rule_set.decision_deadline.in_cycle(year),
        )

    # Opening and syncing read the whole register (seconds at a province) on a worker thread:
    # ``one_transaction=False`` keeps the store free while they read; only the final insert is
    # a write transaction, checked again under the lock.

    @audited("Mở kỳ đánh giá, xếp loại", one_transaction=False)
    def open_cycle(
        self, cycle: Cycle, progress: Progress = no_progress, cancel: threading.Event | None = None
    ) -> Cycle:
        """Save the cycle and the roll of the register on its reference date, in one step."""
        cycle = _clean_cycle(cycle)
        with self._store.lock:
            self._refuse_second_cycle(cycle.year)
            rule_set = self.rule_sets.get(cycle.rule_set_code)
        roster = build_roster(self._store, cycle, rule_set, progress, cancel)
        with self._store.lock:
            # Another window may have opened the year while the roll was read.
            self._refuse_second_cycle(cycle.year)
            return self._store.evaluation.create_cycle(cycle, roster.members, roster.organisations)

    def _refuse_second_cycle(self, year: int) -> None:
        if self.cycle_for_year(year) is not None:
            raise ValidationError("nam", f"Năm {year} đã có kỳ đánh giá.")

    @audited("Bổ sung danh sách kỳ đánh giá", one_transaction=False)
    def sync_roster(
        self, cycle_id: int, progress: Progress = no_progress, cancel: threading.Event | None = None
    ) -> int:
        """Add members and organisations that joined the register since the cycle opened;
        rows already in the cycle are left as they are. Returns how many were added."""
        with self._store.lock:
            cycle = self.cycle(cycle_id)
            rule_set = self.rules_of(cycle)
        roster = build_roster(self._store, cycle, rule_set, progress, cancel)
        with self._store.lock:
            return self._store.evaluation.add_rows(cycle_id, roster.members, roster.organisations)

    @audited("Sửa kỳ đánh giá, xếp loại")
    def update_cycle(self, cycle: Cycle) -> Cycle:
        cycle = _clean_cycle(cycle)
        self._store.evaluation.update_cycle(cycle)
        return self.cycle(cycle.id)

    @audited("Kết thúc kỳ đánh giá, xếp loại")
    def close_cycle(self, cycle_id: int) -> Cycle:
        """Close a finished year: every evaluated member and organisation decided, every
        blocking violation answered with a reason. The rule set in force is stored with it."""
        cycle = self.cycle(cycle_id)
        rule_set = self.rules_of(cycle)
        undecided_members = self._store.evaluation.missing(cycle_id, Stage.DECIDED)
        undecided_orgs = [r for r in self.org_rows(cycle_id) if r.decided_level is None]
        if undecided_members or undecided_orgs:
            raise EvaluationRefused(
                f"Chưa thể kết thúc kỳ đánh giá năm {cycle.year}: còn {len(undecided_members)}"
                f" đảng viên và {len(undecided_orgs)} tổ chức đảng chưa có quyết định xếp loại."
            )
        open_items = self.check(cycle_id).unresolved
        if open_items:
            # One reason answers a rule at every stage: count cases, not stage violations.
            cases = len({(v.subject, v.rule) for v in open_items})
            raise EvaluationRefused(
                f"Chưa thể kết thúc kỳ đánh giá năm {cycle.year}: còn {cases} trường"
                " hợp trái quy tắc chưa ghi lý do.",
                open_items,
            )
        self._store.evaluation.close_cycle(
            cycle_id, self._today(), self.rule_sets.to_json(rule_set)
        )
        return self.cycle(cycle_id)

    @audited("Mở lại kỳ đánh giá, xếp loại")
    def reopen_cycle(self, cycle_id: int, reason: str) -> Cycle:
        reason = clean_text(reason, field="ly_do", label="Lý do")
        if not reason:
            raise ValidationError("ly_do", "Lý do mở lại kỳ đánh giá: phải ghi lý do.")
        self._store.evaluation.reopen_cycle(cycle_id, reason, self._today())
        return self.cycle(cycle_id)

    @audited("Xóa kỳ đánh giá, xếp loại")
    def delete_cycle(self, cycle_id: int) -> None:
        self._store.evaluation.delete_cycle(cycle_id)

    # --- rows -------------------------------------------------------------------------------

    def member_rows(
        self, cycle_id: int, organisation_id: int | None = None
    ) -> list[MemberEvaluation]:
        return self._store.evaluation.member_evaluations(cycle_id, organisation_id=organisation_id)

    def org_rows(self, cycle_id: int) -> list[OrgEvaluation]:
        return self._store.evaluation.org_evaluations(cycle_id)

    def progress(self, cycle_id: int) -> dict[int, OrgProgress]:
        return self._store.evaluation.progress_by_org(cycle_id)

    def missing(
        self, cycle_id: int, stage: Stage, organisation_id: int | None = None
    ) -> list[MemberEvaluation]:
        return self._store.evaluation.missing(cycle_id, stage, organisation_id)

    @audited("Lưu đánh giá, xếp loại đảng viên")
    def save_members(
        self,
        cycle_id: int,
        rows: Sequence[MemberEvaluation],
        reasons: OverrideReasons | None = None,
    ) -> None:
        """Validate and save member rows. Refused (nothing saved) while a blocking violation
        of these rows has neither a kept reason nor one given in ``reasons``. The checks of the
        whole cycle are ``check``'s: a save does not pay for them (100,000 rows at a province)."""
        rule_set = self.rules_of(self.cycle(cycle_id))
        cleaned = [
            validate_member_evaluation(replace(r, cycle_id=cycle_id), rule_set) for r in rows
        ]
        found = [v for row in cleaned for v in member_violations(row, rule_set)]
        self._save_checked(
            cycle_id,
            found,
            reasons,
            lambda: self._store.evaluation.save_member_evaluations(cleaned),
        )

    @audited("Lưu đánh giá, xếp loại tổ chức đảng")
    def save_organisation(self, row: OrgEvaluation, reasons: OverrideReasons | None = None) -> None:
        rule_set = self.rules_of(self.cycle(row.cycle_id))
        cleaned = validate_org_evaluation(row, rule_set)
        found = org_violations(cleaned, rule_set)
        self._save_checked(
            row.cycle_id,
            found,
            reasons,
            lambda: self._store.evaluation.save_org_evaluation(cleaned),
        )

    def _save_checked(
        self,
        cycle_id: int,
        found: Iterable[Violation],
        reasons: OverrideReasons | None,
        save: Callable[[], None],
    ) -> None:
        given = {
            key: clean_text(text, field="ly_do", label="Lý do")
            for key, text in (reasons or {}).items()
            if clean_text(text, field="ly_do", label="Lý do")
        }
        # The callers are audited: the check, the rows and the reasons are one transaction.
        kept = self._store.evaluation.overrides(cycle_id)
        new = [Override(subject, rule, text) for (subject, rule), text in given.items()]
        still_open = unresolved(found, [*kept, *new])
        if still_open:
            raise EvaluationRefused(
                "Có trường hợp trái quy tắc: ghi lý do để giữ mức xếp loại này.", still_open
            )
        save()
        for override in new:
            self._store.evaluation.set_override(cycle_id, override)

    @audited("Ghi lý do giữ mức xếp loại")
    def set_override(self, cycle_id: int, subject: Subject, rule: RuleCode, reason: str) -> None:
        reason = clean_text(reason, field="ly_do", label="Lý do")
        if not reason:
            raise ValidationError("ly_do", "Lý do: phải ghi lý do giữ mức xếp loại.")
        self._store.evaluation.set_override(cycle_id, Override(subject, rule, reason))

    @audited("Bỏ lý do giữ mức xếp loại")
    def clear_override(self, cycle_id: int, subject: Subject, rule: RuleCode) -> None:
        self._store.evaluation.clear_override(cycle_id, subject, rule)

    # --- checks -----------------------------------------------------------------------------

    def check(self, cycle_id: int, stage: Stage = Stage.DECIDED) -> CycleCheck:
        """Every violation of the cycle, the quota checked on ``stage`` (proposals or decisions)."""
        cycle = self.cycle(cycle_id)
        rule_set = self.rules_of(cycle)
        members = self.member_rows(cycle_id)
        orgs = self.org_rows(cycle_id)
        names = {o.organisation_id: o.name for o in orgs}
        found: list[Violation] = []
        for row in members:
            found.extend(member_violations(row, rule_set))
        for org in orgs:
            found.extend(org_violations(org, rule_set))
        found.extend(self._quota(members, orgs, rule_set, stage, names))
        return CycleCheck(tuple(found), tuple(self._store.evaluation.overrides(cycle_id)))

    @staticmethod
    def _quota(
        members: Sequence[MemberEvaluation],
        orgs: Sequence[OrgEvaluation],
        rule_set: RuleSet,
        stage: Stage,
        names: Mapping[int, str],
    ) -> list[Violation]:
        member_groups: dict[str, list] = {}
        for row in members:
            if row.is_evaluated:
                member_groups.setdefault(member_quota_group(row), []).append(row.level_at(stage))
        org_groups: dict[str, list] = {}
        for org in orgs:
            org_groups.setdefault(org_quota_group(org), []).append(org.level_at(stage))

        def label(key: str) -> str:
            parts = key.split(":")
            if parts[0] == "members":
                return f"Đảng viên của {names.get(int(parts[2]), parts[2])}"
            if parts[1] == "parent":
                return f"Các tổ chức trực thuộc {names.get(int(parts[2]), parts[2])}"
            return f"Nhóm {OrgKind(parts[2]).label.lower()}"

        return [
            *quota_violations(member_groups, rule_set, stage, label),
            *quota_violations(org_groups, rule_set, stage, label),
        ]

    # --- ballots ----------------------------------------------------------------------------

    def ballot(self, cycle_id: int, organisation_id: int) -> BallotCount | None:
        return self._store.evaluation.ballot(cycle_id, organisation_id)

    @audited("Lưu kết quả kiểm phiếu")
    def save_ballot(self, ballot: BallotCount) -> dict[int, Tally]:
        """Save the counted ballots of an organisation and return each member's tally."""
        rule_set = self.rules_of(self.cycle(ballot.cycle_id))
        ballot = _clean_ballot(ballot)
        evaluated = [
            r for r in self.member_rows(ballot.cycle_id, ballot.organisation_id) if r.is_evaluated
        ]
        names = {r.member_id: r.full_name for r in evaluated}
        result = tally(ballot, [r.member_id for r in evaluated], rule_set, names)
        self._store.evaluation.save_ballot(ballot)
        return result

    @audited("Áp dụng kết quả kiểm phiếu")
    def apply_tally(
        self, cycle_id: int, organisation_id: int, reasons: OverrideReasons | None = None
    ) -> None:
        """Copy the counted result into each member's proposal (level, voters, votes for);
        ``reasons`` answer the blocking violations the new proposals raise."""
        ballot = self.ballot(cycle_id, organisation_id)
        if ballot is None:
            raise ValidationError("phieu", "Chưa nhập kết quả kiểm phiếu của tổ chức này.")
        rule_set = self.rules_of(self.cycle(cycle_id))
        rows = [r for r in self.member_rows(cycle_id, organisation_id) if r.is_evaluated]
        results = tally(ballot, [r.member_id for r in rows], rule_set)
        updated = []
        for row in rows:
            counted = results[row.member_id]
            at_or_above = (
                sum(n for lv, n in counted.counts.items() if lv.rank <= counted.result.rank)
                if counted.result
                else None
            )
            updated.append(
                replace(
                    row,
                    proposed_level=counted.result,
                    vote_base=counted.valid if counted.result else None,
                    votes_for=at_or_above,
                )
            )
        self.save_members(cycle_id, updated, reasons)

    # --- history ----------------------------------------------------------------------------

    def member_history(self, member_id: int) -> History:
        rows = self._store.evaluation.member_history(member_id)
        return History(tuple(rows), tuple(member_flags(rows)))

    def org_history(self, organisation_id: int) -> History:
        rows = self._store.evaluation.org_history(organisation_id)
        return History(tuple(rows), tuple(org_flags(rows)))


def _clean_cycle(cycle: Cycle) -> Cycle:
    if not 2000 <= cycle.year <= 2100:
        raise ValidationError("nam", f"Năm đánh giá: {cycle.year} không hợp lệ.")
    if cycle.reference_date.year not in (cycle.year, cycle.year + 1):
        raise ValidationError(
            "ngay_xet", "Ngày xét điều kiện phải thuộc năm đánh giá hoặc đầu năm sau."
        )
    deadlines = [
        ("han_dang_vien", "Hạn đảng viên nộp bản kiểm điểm", cycle.member_deadline),
        ("han_chi_bo", "Hạn chi bộ họp kiểm điểm", cycle.cell_deadline),
        ("han_quyet_dinh", "Hạn cấp ủy quyết định", cycle.decision_deadline),
    ]
    previous: date | None = None
    for field, label, value in deadlines:
        if value is None:
            continue
        if previous is not None and value < previous:
            raise ValidationError(field, f"{label} không thể trước hạn của bước trước.")
        previous = value
    return replace(
        cycle,
        guidance=clean_text(cycle.guidance, field="huong_dan", label="Văn bản hướng dẫn"),
        notes=clean_multiline(cycle.notes, field="ghi_chu", label="Ghi chú"),
    )


def _clean_ballot(ballot: BallotCount) -> BallotCount:
    if ballot.issued < 0 or ballot.returned < 0 or ballot.invalid < 0:
        raise ValidationError("phieu", "Số phiếu không được âm.")
    if ballot.returned > ballot.issued:
        raise ValidationError("phieu_thu_ve", "Số phiếu thu về không thể nhiều hơn số phát ra.")
    if ballot.invalid > ballot.returned:
        raise ValidationError(
            "phieu_khong_hop_le", "Số phiếu không hợp lệ không thể nhiều hơn số thu về."
        )
    counters = "\n".join(
        line
        for line in clean_multiline(ballot.counters, label="Ban kiểm phiếu").splitlines()
        if line.strip()
    )
    return replace(ballot, counters=counters)
