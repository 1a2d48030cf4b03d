"""Use cases of the register: enterprises, Party organisations, terms, cadres and members.

Every write validates the record in the domain first and turns a store-level uniqueness clash
into a field error, so the form can show every problem beside its field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from partydesk.domain.enterprise import Enterprise, EnterpriseStatus
from partydesk.domain.errors import ValidationError
from partydesk.domain.holidays import HolidayCalendar
from partydesk.domain.lifecycle import MemberDates, member_dates
from partydesk.domain.member import Member, MemberEvent
from partydesk.domain.organisation import (
    Cadre,
    CadreAssignment,
    CommitteePost,
    CommitteeRole,
    Organisation,
    OrgEndReason,
    OrgKind,
    Term,
)
from partydesk.domain.rows import EnterpriseRow, ListQuery, MemberRow, OrganisationRow
from partydesk.domain.text import clean_text
from partydesk.domain.validation import (
    InvalidRecord,
    validate_enterprise,
    validate_member,
    validate_organisation,
)
from partydesk.services.audit import audited
from partydesk.services.holidays import HolidayService
from partydesk.store.errors import DuplicateError
from partydesk.store.store import Store

MAX_CELL_COMMITTEE = 7  # a chi ủy has at most 7 members (domain §4.2)


def _post_in_force(post: CommitteePost, moment: date, term_start: date) -> bool:
    starts = post.starts_on or term_start
    return starts <= moment and (post.ends_on is None or post.ends_on >= moment)


def _count(posts: list[CommitteePost], role: CommitteeRole) -> int:
    return sum(1 for p in posts if p.role is role)


def _duplicate_as_field_error(exc: DuplicateError) -> InvalidRecord:
    return InvalidRecord([ValidationError(exc.field, str(exc))])


class RegisterService:
    def __init__(
        self,
        store: Store,
        today: Callable[[], date] = date.today,
        calendar: Callable[[], HolidayCalendar] | None = None,
    ) -> None:
        self._store = store
        self._today = today
        # The holiday calendar in force comes from the HolidayService (build_services passes
        # its ``calendar``), so an edited year changes every deadline at once.
        if calendar is None:
            holidays = HolidayService(store, today)

            def calendar() -> HolidayCalendar:
                return holidays.calendar

        self._calendar = calendar

    @property
    def calendar(self) -> HolidayCalendar:
        return self._calendar()

    # --- enterprises -----------------------------------------------------------------------

    def enterprise(self, enterprise_id: int) -> Enterprise:
        return self._store.enterprises.get(enterprise_id)

    @audited("Lưu doanh nghiệp")
    def save_enterprise(self, enterprise: Enterprise) -> int:
        clean = validate_enterprise(enterprise, self._today())
        try:
            return self._store.enterprises.save(clean)
        except DuplicateError as exc:
            raise _duplicate_as_field_error(exc) from exc

    @audited("Ghi doanh nghiệp giải thể")
    def end_enterprise(self, enterprise_id: int, on: date) -> None:
        """Mark an enterprise dissolved; its record and history stay."""
        enterprise = self.enterprise(enterprise_id)
        self.save_enterprise(replace(enterprise, status=EnterpriseStatus.DISSOLVED, ended_on=on))

    def enterprise_rows(self, query: ListQuery, offset: int, limit: int) -> list[EnterpriseRow]:
        return self._store.enterprises.list_rows(query, offset, limit)

    def count_enterprises(self, query: ListQuery) -> int:
        return self._store.enterprises.count(query)

    def enterprise_choices(self, include_ended: bool = False) -> list[tuple[int, str]]:
        return self._store.enterprises.choices(include_ended)

    # --- organisations ---------------------------------------------------------------------

    def organisation(self, organisation_id: int) -> Organisation:
        return self._store.organisations.get(organisation_id)

    @audited("Lưu tổ chức đảng")
    def save_organisation(self, org: Organisation) -> int:
        clean = validate_organisation(org, self._today())
        if clean.parent_id is not None:
            parent = self.organisation(clean.parent_id)
            if not parent.kind.is_party_committee:
                raise InvalidRecord(
                    [ValidationError("parent_id", "Tổ chức cấp trên: phải là một đảng bộ.")]
                )
        return self._store.organisations.save(clean)

    @audited("Ghi tổ chức đảng chấm dứt hoạt động")
    def end_organisation(
        self,
        organisation_id: int,
        on: date,
        reason: OrgEndReason,
        decision: str,
        merged_into_id: int | None = None,
    ) -> None:
        org = self.organisation(organisation_id)
        self.save_organisation(
            replace(
                org,
                ended_on=on,
                end_reason=reason,
                end_decision=decision,
                merged_into_id=merged_into_id,
            )
        )

    def organisation_rows(self, query: ListQuery, offset: int, limit: int) -> list[OrganisationRow]:
        return self._store.organisations.list_rows(query, offset, limit, on=self._today())

    def count_organisations(self, query: ListQuery) -> int:
        return self._store.organisations.count(query)

    def organisation_choices(self, include_ended: bool = False) -> list[tuple[int, str]]:
        return self._store.organisations.choices(include_ended)

    def party_committee_choices(self) -> list[tuple[int, str]]:
        """Organisations that can be the parent of a chi bộ trực thuộc: the đảng bộ."""
        kinds = frozenset({OrgKind.PARTY_COMMITTEE_BASE, OrgKind.PARTY_COMMITTEE_SECTION})
        return self._store.organisations.choices(kinds=kinds)

    def terms(self, organisation_id: int) -> list[Term]:
        return self._store.organisations.terms(organisation_id)

    @audited("Lưu nhiệm kỳ cấp ủy")
    def save_term(self, term: Term) -> int:
        errors: list[ValidationError] = []
        label = clean_text(term.label, field="label", label="Nhiệm kỳ")
        if not label:
            errors.append(ValidationError("label", "Nhiệm kỳ: ghi tên nhiệm kỳ, ví dụ 2025–2030."))
        if term.ends_on is not None and term.ends_on < term.starts_on:
            errors.append(ValidationError("ends_on", "Ngày kết thúc nhiệm kỳ: trước ngày bắt đầu."))
        # Posts are counted at each moment of the term, so a bí thư replaced mid-term (the
        # old post ended, the new one started) is one bí thư, not two.
        moments = {p.starts_on or term.starts_on for p in term.posts} or {term.starts_on}
        in_force = [
            [p for p in term.posts if _post_in_force(p, moment, term.starts_on)]
            for moment in sorted(moments)
        ]
        if any(_count(posts, CommitteeRole.SECRETARY) > 1 for posts in in_force):
            errors.append(ValidationError("posts", "Cấp ủy: chỉ có một bí thư trong một nhiệm kỳ."))
        people = [(p.member_id, p.role) for p in term.posts]
        if len({member for member, _ in people}) != len(people) and any(
            len({p.member_id for p in posts}) != len(posts) for posts in in_force
        ):
            errors.append(ValidationError("posts", "Cấp ủy: một đảng viên được ghi hai chức vụ."))
        org = self.organisation(term.organisation_id)
        if org.kind.is_cell:
            if any(_count(posts, CommitteeRole.DEPUTY_SECRETARY) > 1 for posts in in_force):
                errors.append(ValidationError("posts", "Cấp ủy: chi bộ chỉ có một phó bí thư."))
            if any(len(posts) > MAX_CELL_COMMITTEE for posts in in_force):
                errors.append(ValidationError("posts", "Cấp ủy: chi ủy có không quá 7 đồng chí."))
        if errors:
            raise InvalidRecord(errors)
        return self._store.organisations.save_term(replace(term, label=label))

    def cadres(self, include_inactive: bool = False) -> list[Cadre]:
        return self._store.organisations.cadres(include_inactive)

    @audited("Lưu cán bộ phụ trách")
    def save_cadre(self, cadre: Cadre) -> int:
        name = clean_text(cadre.full_name, field="full_name", label="Họ và tên cán bộ")
        if not name:
            raise InvalidRecord(
                [ValidationError("full_name", "Họ và tên cán bộ: không được để trống.")]
            )
        title = clean_text(cadre.title, field="title", label="Chức vụ")
        return self._store.organisations.save_cadre(replace(cadre, full_name=name, title=title))

    def assignments(self, organisation_id: int) -> list[CadreAssignment]:
        return self._store.organisations.assignments(organisation_id)

    @audited("Phân công cán bộ phụ trách")
    def assign_cadre(self, organisation_id: int, cadre_id: int, starts_on: date) -> int:
        """Put a cadre in charge from ``starts_on``; the open assignment ends the day before.

        One transaction (``audited``): the old assignment never ends without the new one."""
        current = [a for a in self.assignments(organisation_id) if a.ends_on is None]
        for open_assignment in current:
            if open_assignment.starts_on >= starts_on:
                raise InvalidRecord(
                    [
                        ValidationError(
                            "starts_on",
                            "Từ ngày: phải sau ngày bắt đầu của cán bộ đang phụ trách "
                            f"({open_assignment.starts_on:%d/%m/%Y}).",
                        )
                    ]
                )
        for open_assignment in current:
            self._store.organisations.save_assignment(
                replace(open_assignment, ends_on=starts_on - timedelta(days=1))
            )
        return self._store.organisations.save_assignment(
            CadreAssignment(organisation_id, cadre_id, starts_on)
        )

    # --- members ---------------------------------------------------------------------------

    def member(self, member_id: int) -> Member:
        return self._store.members.get(member_id)

    @audited("Lưu đảng viên")
    def save_member(self, member: Member) -> int:
        clean = validate_member(member, self._today())
        try:
            return self._store.members.save(clean)
        except DuplicateError as exc:
            raise _duplicate_as_field_error(exc) from exc

    @audited("Ghi biến động đảng viên")
    def record_event(self, event: MemberEvent) -> Member:
        if event.on > self._today():
            raise InvalidRecord([ValidationError("on", "Ngày: không ghi sự kiện ở tương lai.")])
        if event.until is not None and event.until < event.on:
            raise InvalidRecord([ValidationError("until", "Đến ngày: trước ngày của sự kiện.")])
        return self._store.members.add_event(event)

    def member_events(self, member_id: int) -> list[MemberEvent]:
        return self._store.members.events(member_id)

    def member_dates(self, member: Member) -> MemberDates:
        return member_dates(member, self._today(), self.calendar)

    def member_rows(self, query: ListQuery, offset: int, limit: int) -> list[MemberRow]:
        return self._store.members.list_rows(query, offset, limit)

    def count_members(self, query: ListQuery) -> int:
        return self._store.members.count(query)

    def member_choices(self, organisation_id: int | None = None) -> list[tuple[int, str]]:
        return self._store.members.choices(organisation_id)
