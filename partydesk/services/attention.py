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
        today = self._today()
        calendar = self._calendar()
        probations = [
            ProbationFacts(
                member_id=member_id,
                name=name,
                organisation_name=org_name,
                deadline=official_decision_deadline(probation_end(ceremony), calendar),
            )
            for member_id, name, org_name, ceremony in self._store.attention.probationary_members()
        ]
        return collect_attention(
            self._store.attention.organisations(today),
            self._store.attention.enterprises(),
            probations,
            today,
        )

    def for_subject(self, subject: Subject, subject_id: int) -> list[Attention]:
        """The warnings about one record, shown at the top of its dialog."""
        return [a for a in self.items() if a.subject is subject and a.subject_id == subject_id]
