"""The "cần chú ý" list: the warning rules applied to the whole register on a given day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from partydesk.domain.attention import Attention, ProbationFacts, Subject, collect_attention
from partydesk.domain.dates import official_decision_deadline, probation_end
from partydesk.domain.holidays import HolidayCalendar
from partydesk.store.store import Store


class AttentionService:
    def __init__(
        self, store: Store, calendar: Callable[[], HolidayCalendar], today: Callable[[], date]
    ) -> None:
        self._store = store
        self._calendar = calendar
        self._today = today

    def items(self) -> list[Attention]:
        """Every warning about the register today."""
        return self._collect(None, None)

    def for_subject(self, subject: Subject, subject_id: int) -> list[Attention]:
        """The warnings about one record, shown at the top of its dialog."""
        return self._collect(subject, subject_id)

    def _collect(self, subject: Subject | None, subject_id: int | None) -> list[Attention]:
        """Apply the rules to the whole register, or only to the facts of one record."""
        facts = self._store.attention
        today = self._today()

        def wanted(kind: Subject) -> bool:
            return subject is None or subject is kind

        probations = []
        if wanted(Subject.MEMBER):
            calendar = self._calendar()
            probations = [
                ProbationFacts(
                    member_id=member_id,
                    name=name,
                    organisation_name=org_name,
                    deadline=official_decision_deadline(probation_end(ceremony), calendar),
                )
                for member_id, name, org_name, ceremony in facts.probationary_members(subject_id)
            ]
        return collect_attention(
            facts.organisations(today, subject_id) if wanted(Subject.ORGANISATION) else [],
            facts.enterprises(subject_id) if wanted(Subject.ENTERPRISE) else [],
            probations,
            today,
        )
