"""Briefing rounds: planning from the recurrence rule, attendance, issues and their follow-up."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from partydesk.domain.briefing import (
    Briefing,
    BriefingIssue,
    BriefingRow,
    Half,
    InviteCandidate,
    SplitBy,
)
from partydesk.domain.briefing_rules import (
    DEFAULT_AGENDA,
    DEFAULT_RULE,
    explain_rule,
    half_reviewed,
    next_dates,
    reports_due,
    split_into_sittings,
    validate_briefing,
    validate_issue,
    validate_rule,
)
from partydesk.domain.errors import ValidationError
from partydesk.domain.holidays import HolidayCalendar
from partydesk.services.audit import audited
from partydesk.store.errors import DuplicateError
from partydesk.store.store import Store

RULE_KEY = "briefing_rule"


@dataclass(frozen=True, slots=True)
class NextRound:
    """The next briefing round for the due list: a planned one, or the rule's next date."""

    on: date
    year: int
    half: Half
    reports_due_on: date | None
    briefing_id: int | None = None  # None: not planned yet

    @property
    def title(self) -> str:
        return f"Hội nghị giao ban {self.half.label} {self.year}"


class BriefingRefused(Exception):
    """A round cannot be deleted; ``message`` says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BriefingService:
    def __init__(
        self,
        store: Store,
        today: Callable[[], date] = date.today,
        calendar: Callable[[], HolidayCalendar] | None = None,
    ) -> None:
        self._store = store
        self._today = today
        self._calendar = calendar

    @property
    def calendar(self) -> HolidayCalendar:
        if self._calendar is not None:
            return self._calendar()
        year = self._today().year
        return HolidayCalendar.default_for_years(range(year - 1, year + 3))

    def today(self) -> date:
        return self._today()

    # --- the recurrence rule ----------------------------------------------------------------

    def rule(self) -> str:
        return str(self._store.settings.get_value(RULE_KEY, DEFAULT_RULE) or DEFAULT_RULE)

    @audited("Sửa lịch lặp hội nghị giao ban")
    def set_rule(self, text: str) -> str:
        """Check and store the rule; raises ``ValidationError`` naming the field."""
        clean = validate_rule(text, self._today())
        self._store.settings.set_value(RULE_KEY, clean)
        return clean

    def explain_rule(self, text: str | None = None) -> str:
        """The next dates a rule (by default the stored one) gives, in a Vietnamese sentence."""
        return explain_rule(self.rule() if text is None else text, self._today())

    # --- planning ---------------------------------------------------------------------------

    def candidates(self, on: date | None = None) -> list[InviteCandidate]:
        return self._store.briefings.candidates(on or self._today())

    def proposed_date(self) -> date:
        """The rule's first date after the latest round (or after today when there is none)."""
        latest = self._store.briefings.latest()
        last_day = latest.last_day if latest is not None else None
        after = max(last_day, self._today()) if last_day else self._today()
        dates = next_dates(self.rule(), after, 1)
        if not dates:
            raise ValidationError(RULE_KEY, "Quy tắc lặp lịch giao ban không cho ngày nào nữa.")
        return dates[0]

    def plan(
        self,
        first_day: date | None = None,
        split_by: SplitBy = SplitBy.NONE,
        organisation_ids: Iterable[int] | None = None,
    ) -> Briefing:
        """An unsaved proposal: the half reviewed, default agenda, reports due, invitees.

        Invitees default to every active organisation directly under the office; sittings
        follow ``split_by`` on consecutive working days from ``first_day``.
        """
        day = first_day or self.proposed_date()
        year, half = half_reviewed(day)
        candidates = self.candidates(day)
        if organisation_ids is not None:
            wanted = set(organisation_ids)
            candidates = [c for c in candidates if c.organisation_id in wanted]
        calendar = self.calendar
        sittings, invitees = split_into_sittings(candidates, split_by, day, calendar)
        place, chair_name, chair_title = self._usual_place_and_chair()
        return Briefing(
            year=year,
            half=half,
            sittings=sittings,
            invitees=invitees,
            split_by=split_by,
            agenda=DEFAULT_AGENDA,
            reports_due_on=reports_due(day, calendar),
            place=place,
            chair_name=chair_name,
            chair_title=chair_title,
        )

    def _usual_place_and_chair(self) -> tuple[str, str, str]:
        """The latest round's place and chair, else the office's hall and its signer."""
        latest = self._store.briefings.latest()
        if latest is not None and latest.place:
            return latest.place, latest.chair_name, latest.chair_title
        office = self._store.settings.office()
        hall = f"Hội trường {office.committee_full_name}" if office.committee_full_name else ""
        return hall, office.signer_name, office.signer_title.capitalize()

    def resplit(self, briefing: Briefing, split_by: SplitBy) -> Briefing:
        """The round's invitees regrouped by ``split_by`` from its first day (data kept)."""
        first = briefing.first_day or self.proposed_date()
        by_id = {v.organisation_id: v for v in briefing.invitees}
        candidates = [c for c in self.candidates(first) if c.organisation_id in by_id]
        known = {c.organisation_id for c in candidates}
        candidates += [
            InviteCandidate(v.organisation_id, v.organisation_name)
            for v in briefing.invitees
            if v.organisation_id not in known
        ]
        sittings, placed = split_into_sittings(candidates, split_by, first, self.calendar)
        invitees = tuple(
            replace(by_id[p.organisation_id], sitting_index=p.sitting_index) for p in placed
        )
        return replace(briefing, split_by=split_by, sittings=sittings, invitees=invitees)

    # --- reading ----------------------------------------------------------------------------

    def get(self, briefing_id: int) -> Briefing:
        return self._store.briefings.get(briefing_id)

    def rows(self, year: int | None = None) -> list[BriefingRow]:
        return self._store.briefings.rows(year)

    def carried_issues(self, briefing: Briefing | int) -> list[BriefingIssue]:
        """Open issues from earlier rounds of the round's invitees (by round or its id)."""
        if isinstance(briefing, int):
            briefing = self.get(briefing)
        return self._store.briefings.carried_issues(briefing)

    def open_issues_of(self, organisation_id: int) -> list[BriefingIssue]:
        return self._store.briefings.open_issues(organisation_id)

    def next_round(self) -> NextRound | None:
        """A round with a sitting on or after today, else the rule's next date (unplanned)."""
        today = self._today()
        planned = self._store.briefings.next_after(today)
        if planned is not None and planned.id is not None:
            first = min(s.on for s in planned.sittings if s.on >= today)
            return NextRound(first, planned.year, planned.half, planned.reports_due_on, planned.id)
        dates = next_dates(self.rule(), today - date.resolution, 8)
        for day in dates:
            year, half = half_reviewed(day)
            if self._store.briefings.find(year, half) is None:
                return NextRound(day, year, half, reports_due(day, self.calendar))
        return None

    # --- writing ----------------------------------------------------------------------------

    @audited("Lưu hội nghị giao ban")
    def save(self, briefing: Briefing, carried: Iterable[BriefingIssue] = ()) -> Briefing:
        """Validate and save a round, with the carried issues edited at it, in one step."""
        clean = validate_briefing(briefing)
        carried_clean = [validate_issue(i) for i in carried]
        store = self._store
        try:
            saved = store.briefings.save(clean)
            for issue in carried_clean:
                store.briefings.save_issue(issue)
        except DuplicateError as exc:
            raise ValidationError(exc.field, str(exc)) from exc
        return saved

    @audited("Lưu kiến nghị giao ban")
    def save_issue(self, issue: BriefingIssue) -> int:
        clean = validate_issue(issue)
        return self._store.briefings.save_issue(clean)

    @audited("Xóa hội nghị giao ban")
    def delete(self, briefing_id: int) -> None:
        """Delete a round, refused once one of its documents took a number in the register."""
        numbered = self._store.briefings.numbered_documents(briefing_id)
        if numbered:
            briefing = self.get(briefing_id)
            raise BriefingRefused(
                f"Không xóa được {briefing.title.lower()}: {numbered} văn bản của đợt này "
                "đã lấy số trong sổ văn bản đi. Số đã cấp không được xóa; hãy sửa đợt "
                "giao ban thay vì xóa."
            )
        self._store.briefings.delete(briefing_id)
