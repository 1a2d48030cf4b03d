"""The sample office's briefing rounds (hội nghị giao ban) and the outgoing register they fill.

Rounds fall on the dates of the stored recurrence rule around the generator's ``today``: the
three latest before it were held, the next one is planned. Each held round records who came for
each organisation (the bí thư, sometimes a deputy; a few absent with a reason), the six-month
reports (most on time, some late, some missing) and the issues raised, whose status depends on
their age so that every status appears and older open ones carry over to later rounds. Its
invitations (one per sitting), biên bản and thông báo kết luận took numbers in the outgoing
register; one invitation was cancelled and issued again. The organisations directly under the
office are put in clusters (Cụm 1…), by which the later rounds are split into sittings.

Rounds, issues and numbers go through ``BriefingService`` and ``OutgoingService`` (validation,
the numbering rules); only the clusters are written with a bulk UPDATE.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

from partydesk.domain.briefing import (
    Attendance,
    Briefing,
    BriefingIssue,
    Invitee,
    IssueStatus,
    SplitBy,
)
from partydesk.domain.briefing_rules import next_dates
from partydesk.domain.dates import format_vn_date
from partydesk.domain.organisation import CommitteeRole
from partydesk.domain.outgoing import NumberRequest, OfficeTerm
from partydesk.reports.briefing_conclusions import RECIPIENTS as CONCLUSION_RECIPIENTS
from partydesk.services.briefing_documents import RECIPIENTS_GM_LIMIT
from partydesk.services.briefings import BriefingService
from partydesk.services.demo import briefing_texts as texts
from partydesk.services.demo.helpers import _lower_first
from partydesk.services.demo.meetings import _MeetingGenerator
from partydesk.services.demo.names import TWO_LEVEL_SINCE
from partydesk.services.outgoing import OutgoingService
from partydesk.store.store import Store

HELD_ROUNDS = 3
BRIEFING_ROUNDS = HELD_ROUNDS + 1  # and the one planned
CLUSTER_SIZE = 30  # organisations per cluster, roughly
CLUSTERS = (4, 8)  # fewest and most clusters
_INVITATION_LEAD = 7  # working days between the invitations and the first sitting
_CONCLUSION_DELAY = 3  # working days between the last sitting and the thông báo kết luận
_MORNING = (time(8, 0), time(11, 0))
# Status of an issue today by the age of its round (0: the latest held round), with weights.
_STATUS_WEIGHTS = {
    0: (
        (IssueStatus.NEW, 25),
        (IssueStatus.IN_PROGRESS, 35),
        (IssueStatus.ANSWERED, 25),
        (IssueStatus.RESOLVED, 15),
    ),
    1: (
        (IssueStatus.NEW, 10),
        (IssueStatus.IN_PROGRESS, 25),
        (IssueStatus.ANSWERED, 25),
        (IssueStatus.RESOLVED, 40),
    ),
    2: (
        (IssueStatus.NEW, 5),
        (IssueStatus.IN_PROGRESS, 10),
        (IssueStatus.ANSWERED, 20),
        (IssueStatus.RESOLVED, 65),
    ),
}
# Committee posts of each organisation's latest term started by a day. A term past its end
# without a new congress (planted in the sample) still has its committee acting.
_POSTS_SQL = (
    "SELECT t.organisation_id, t.id, cp.role, m.full_name FROM committee_posts cp"
    " JOIN terms t ON t.id = cp.term_id JOIN members m ON m.id = cp.member_id"
    " WHERE t.starts_on <= :d AND (cp.starts_on IS NULL OR cp.starts_on <= :d)"
    " AND (cp.ends_on IS NULL OR cp.ends_on >= min(:d, coalesce(t.ends_on, :d)))"
    " ORDER BY t.organisation_id, t.starts_on DESC, cp.role, cp.id"
)


class _BriefingGenerator(_MeetingGenerator):
    """Generator step that writes the briefing rounds and their register lines."""

    def briefing_units(self) -> int:
        """Progress units: one per organisation and round (only the top-level ones are invited,
        the rest is counted when the step ends)."""
        return BRIEFING_ROUNDS * len(self.orgs)

    def write_briefings(self, store: Store) -> None:
        self._write_clusters(store)
        outgoing = OutgoingService(store, lambda: self.today)
        office = self.region.settings
        outgoing.save_office_term(
            OfficeTerm(
                f"Nhiệm kỳ {TWO_LEVEL_SINCE.year}–{TWO_LEVEL_SINCE.year + 5}",
                TWO_LEVEL_SINCE,
                f"{office.committee_full_name} từ ngày thành lập.",
            )
        )
        service = BriefingService(store, lambda: self.today, lambda: self.calendar)
        days = next_dates(service.rule(), self.today - timedelta(days=800), 8)
        past = [d for d in days if d < self.today][-HELD_ROUNDS:]
        upcoming = next(d for d in days if d >= self.today)
        for age, day in zip(range(len(past) - 1, -1, -1), past, strict=True):
            # The oldest round sat once (the clusters came later); the others by cluster.
            split = SplitBy.NONE if age == len(past) - 1 else SplitBy.CLUSTER
            held = self._hold_round(store, service, service.plan(day, split), age)
            self._number_documents(store, outgoing, held, cancel_one=age == 1)
        planned = service.plan(upcoming, SplitBy.CLUSTER)
        service.save(replace(planned, invitees=self._reports_so_far(planned)))
        # Organisations not invited (not top-level, or ended) are counted once at the end.
        self.tracker.advance(max(0, self.briefing_units() - self.tracker.phase_done))

    # --- clusters -------------------------------------------------------------------------

    def _write_clusters(self, store: Store) -> None:
        """Cụm 1…n over the top-level organisations, neighbours (same ward) together."""
        top = [org for org in self.orgs if org.top_level and org.id is not None]
        count = min(max(CLUSTERS[0], round(len(top) / CLUSTER_SIZE)), CLUSTERS[1])
        # Those still active are shared out evenly; an ended one joins its neighbours' cluster.
        wards = {org.id: self.enterprises[org.enterprises[0]].ward for org in top}
        ordered = sorted(top, key=lambda org: (wards[org.id], org.id))
        active = [org for org in ordered if not org.is_ended]
        clusters: dict[int | None, int] = {
            org.id: index * count // len(active) for index, org in enumerate(active)
        }
        current = 0
        rows = []
        for org in ordered:
            current = clusters.get(org.id, current)
            rows.append((f"Cụm {current + 1}", org.id))
        store.db.conn.executemany("UPDATE organisations SET cluster = ? WHERE id = ?", rows)

    # --- a held round ---------------------------------------------------------------------

    def _hold_round(
        self, store: Store, service: BriefingService, plan: Briefing, age: int
    ) -> Briefing:
        first, last = plan.first_day, plan.last_day
        assert first is not None and last is not None
        posts = self._posts_on(store, first)
        kinds = {org.id: org.kind for org in self.orgs}
        invitees = []
        for invitee in plan.invitees:
            org_posts = posts.get(invitee.organisation_id, [])
            cell = kinds[invitee.organisation_id].is_cell
            invitees.append(self._attend(invitee, org_posts, cell, plan))
        self.tracker.advance(len(invitees))
        issues = self._issues(invitees, first, age)
        carried = service.carried_issues(replace(plan, invitees=tuple(invitees)))
        present = sum(1 for v in invitees if v.attendance is Attendance.PRESENT)
        on_time = sum(
            1
            for v in invitees
            if v.report_received_on
            and plan.reports_due_on
            and v.report_received_on <= plan.reports_due_on
        )
        missing = sum(1 for v in invitees if v.report_received_on is None)
        office = self.region.settings.committee_full_name
        secretary = self.cadres[1].full_name if len(self.cadres) > 1 else self.cadres[0].full_name
        period = f"{plan.half.label} {plan.year}"
        fields = {
            "office": office,
            "secretary": secretary,
            "chair": plan.chair_name,
            "chair_title": plan.chair_title.lower(),
            "present": present,
            "invited": len(invitees),
        }
        sittings = tuple(replace(s, starts=_MORNING[0], ends=_MORNING[1]) for s in plan.sittings)
        held = replace(
            plan,
            sittings=sittings,
            invitees=tuple(invitees),
            issues=tuple(issues),
            held=True,
            secretary_name=secretary,
            opening=texts.OPENING.format(**fields),
            report_summary=texts.REPORT_SUMMARY.format(
                period=period, on_time=on_time, invited=len(invitees), missing=missing
            ),
            discussion=texts.DISCUSSION.format(
                speakers=min(present, len({i.organisation_id for i in issues}) + 3),
                issues=len(issues),
                carried=texts.CARRIED.format(count=len(carried)) if carried else texts.NO_CARRIED,
            ),
            conclusion=texts.CONCLUSION.format(chair=plan.chair_name),
        )
        return service.save(held)

    def _posts_on(self, store: Store, day: date) -> dict[int, list[tuple[CommitteeRole, str]]]:
        posts: dict[int, list[tuple[CommitteeRole, str]]] = {}
        latest_term: dict[int, int] = {}
        for org_id, term_id, role, name in store.db.conn.execute(
            _POSTS_SQL, {"d": day.isoformat()}
        ):
            if latest_term.setdefault(org_id, term_id) == term_id:
                posts.setdefault(org_id, []).append((CommitteeRole(role), name))
        return posts

    def _attend(
        self, invitee: Invitee, posts: list[tuple[CommitteeRole, str]], cell: bool, plan: Briefing
    ) -> Invitee:
        rng = self.rng
        due, first = plan.reports_due_on, plan.first_day
        assert due is not None and first is not None
        report: date | None = self._between(due - timedelta(days=12), due)
        notes = ""
        roll = rng.random()
        if roll < 0.12:
            report, notes = None, texts.MISSING_REPORT_NOTE
        elif roll < 0.27:
            report, notes = self._between(due + timedelta(days=1), first), texts.LATE_REPORT_NOTE
        if rng.random() < 0.08:
            reason = self._pick(self._cumulative(texts.ABSENCE_REASONS))
            return replace(
                invitee,
                attendance=Attendance.ABSENT,
                absence_reason=reason,
                report_received_on=report,
                notes=notes,
            )
        # The bí thư comes; now and then a deputy or another committee member instead.
        chosen = posts[0] if posts and (len(posts) == 1 or rng.random() < 0.85) else None
        if chosen is None and posts:
            chosen = rng.choice(posts[1:])
        name, position = "", "Đại diện tổ chức đảng"
        if chosen is not None:
            role, name = chosen
            position = _position(role, cell)
        return replace(
            invitee,
            attendance=Attendance.PRESENT,
            attendee_name=name,
            attendee_position=position,
            report_received_on=report,
            notes=notes,
        )

    def _issues(self, invitees: list[Invitee], raised_on: date, age: int) -> list[BriefingIssue]:
        rng = self.rng
        office = self.region.settings.committee_full_name
        weights = self._cumulative(_STATUS_WEIGHTS[min(age, 2)])
        issues: list[BriefingIssue] = []
        for invitee in invitees:
            if invitee.attendance is not Attendance.PRESENT or rng.random() > 0.35:
                continue
            for kind, content, responsible, answer in rng.sample(texts.ISSUES, rng.randint(1, 2)):
                # The latest round shows every status in its first four issues.
                forced = list(IssueStatus)[len(issues)] if age == 0 and len(issues) < 4 else None
                status = forced or self._pick(weights)
                resolved_on = None
                if status is IssueStatus.RESOLVED:
                    latest = min(self.today, raised_on + timedelta(days=150))
                    resolved_on = self._between(raised_on + timedelta(days=14), latest)
                shown_answer = {
                    IssueStatus.NEW: "",
                    IssueStatus.IN_PROGRESS: texts.IN_PROGRESS_ANSWER,
                }.get(status, answer)
                issues.append(
                    BriefingIssue(
                        organisation_id=invitee.organisation_id,
                        kind=kind,
                        content=content,
                        responsible=responsible.format(office=office),
                        answer=shown_answer,
                        status=status,
                        due_on=raised_on + timedelta(days=rng.choice((30, 45, 60, 90))),
                        resolved_on=resolved_on,
                        organisation_name=invitee.organisation_name,
                    )
                )
        return issues

    # --- the planned round ----------------------------------------------------------------

    def _reports_so_far(self, plan: Briefing) -> tuple[Invitee, ...]:
        """Reports already in for the planned round: a few, sent early."""
        due = plan.reports_due_on
        assert due is not None
        opened = due - timedelta(days=21)
        if opened >= self.today:
            return plan.invitees
        last = min(self.today, due)
        return tuple(
            replace(v, report_received_on=self._between(opened, last))
            if self.rng.random() < 0.3
            else v
            for v in plan.invitees
        )

    # --- the register ---------------------------------------------------------------------

    def _number_documents(
        self, store: Store, outgoing: OutgoingService, held: Briefing, cancel_one: bool
    ) -> None:
        """GM for each sitting, then the biên bản and the thông báo kết luận of a held round."""
        issuer = outgoing.office_issuer()
        signer = held.chair_name
        first, last = held.first_day, held.last_day
        assert first is not None and last is not None and held.id is not None
        invited_on = self.calendar.add_working_days(first, -_INVITATION_LEAD)
        title = _lower_first(held.title)
        # Summaries and recipients as BriefingDocumentService writes them when it prints.
        for index, sitting in enumerate(held.sittings):
            label = f" ({sitting.label})" if sitting.label else ""
            invited = [v.organisation_name for v in held.invitees if v.sitting_index == index]
            names = "; ".join(invited)
            if len(names) > RECIPIENTS_GM_LIMIT:
                names = f"{len(invited)} tổ chức đảng được mời"
            request = NumberRequest(
                issuer=issuer,
                kind="GM",
                issued_on=invited_on,
                summary=f"Mời dự {title}{label}, ngày {format_vn_date(sitting.on)}",
                source=f"briefing:{held.id}:GM:sitting:{sitting.id}",
                signer=signer,
                recipients=names,
            )
            line = outgoing.take_number(request)
            if cancel_one and index == 0:
                store.outgoing.cancel(line.id, invited_on, texts.CANCEL_REASON)
                outgoing.take_number(request)
        concluded_on = self.calendar.add_working_days(last, _CONCLUSION_DELAY)
        for kind, on, summary, recipients in (
            ("BB", last, f"Biên bản {title}", "Lưu Văn phòng."),
            ("TB", concluded_on, f"Kết luận {title}", " ".join(CONCLUSION_RECIPIENTS)),
        ):
            source = f"briefing:{held.id}:{kind}"
            outgoing.take_number(
                NumberRequest(issuer, kind, on, summary, source, signer, recipients)
            )


def _position(role: CommitteeRole, cell: bool) -> str:
    """ "Bí thư Chi bộ", "Phó Bí thư Đảng ủy", "Chi ủy viên"."""
    if role is CommitteeRole.COMMITTEE_MEMBER:
        return "Chi ủy viên" if cell else "Đảng ủy viên"
    return f"{role.label} {'Chi bộ' if cell else 'Đảng ủy'}"
