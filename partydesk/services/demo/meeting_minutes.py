"""What the secretary writes in the sample minutes after the roll: the agenda and conclusion,
votes, tasks, đảng phí and score; then approval, with a reason where a warning stands, and
now and then a dated correction."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from partydesk.domain.meeting import (
    Addendum,
    AgendaItem,
    Guest,
    Meeting,
    MeetingKind,
    RollEntry,
    Task,
    Vote,
    VoteForm,
    VoteKind,
    present_voters,
    required_in_favour,
    vote_base,
)
from partydesk.domain.meeting_rules import approval_warnings
from partydesk.domain.member import MemberStatus
from partydesk.domain.numbers import grouped
from partydesk.domain.organisation import CommitteeRole
from partydesk.services.demo import meeting_texts as texts
from partydesk.services.demo.meeting_content import MinutesWriter
from partydesk.services.demo.meeting_plans import _Cell, _MeetingPlanner, _Planned


class _MinutesComposer(_MeetingPlanner):
    """Generator steps that write the body of a meeting's minutes and settle its state."""

    def _agenda(
        self,
        plan: _Planned,
        writer: MinutesWriter,
        posts: dict[CommitteeRole, list[int]],
        present: list[RollEntry],
        chair: int,
        guests: tuple[Guest, ...],
        notes: list[str],
    ) -> tuple[AgendaItem, ...]:
        """The numbered agenda items, in the order of the template."""
        rng, kind, item = self.rng, plan.kind, writer.item
        names = {e.member_id: e.full_name for e in present}
        speakers = list(names.values())
        chair_name = names[chair]
        deputies = [names[i] for i in posts.get(CommitteeRole.DEPUTY_SECRETARY, ()) if i in names]
        deputy = deputies[0] if deputies else chair_name
        anyone = rng.choice(speakers)
        guest = guests[0].full_name if guests else ""
        if kind is MeetingKind.COMMITTEE:
            titles = rng.sample(texts.COMMITTEE_TITLES, rng.randint(2, 3))
            return tuple(item("committee", chair_name, speakers, title=t) for t in titles)
        if kind is MeetingKind.THEMATIC:
            presenter = rng.choice((chair_name, deputy, anyone))
            return (
                item("thematic", presenter, speakers, topic=plan.topic, points=plan.points),
                item("discussion", chair_name, speakers, guest),
                item("pledge", chair_name, speakers),
            )
        items: list[AgendaItem] = []
        if kind.is_regular:
            month = plan.period[1]
            items.append(item("news", rng.choice((chair_name, deputy)), speakers))
            items.append(item("review", chair_name, speakers, notes=notes, half_year=month == 6))
            if kind is MeetingKind.COMBINED:
                presenter = rng.choice((deputy, anyone))
                topic, points = plan.topic, plan.points
                items.append(
                    item("thematic", presenter, speakers, guest, topic=topic, points=points)
                )
                guest = ""
            items.append(item("plan", deputy, speakers, guest, points=plan.resolution))
            extras = [
                ("year", chair_name) if month == 12 else None,
                ("hcm", anyone) if rng.random() < 0.4 else None,
                ("thought", deputy) if rng.random() < 0.15 else None,
                ("development", chair_name) if rng.random() < 0.12 else None,
            ]
            votes = len(plan.admissions) + len(plan.recognitions)
            room = max(0, self.scale.meeting_items - len(items) - votes)
            kept = [extra for extra in extras if extra is not None][:room]
            items += [item(extra, presenter, speakers) for extra, presenter in kept]
        for member in plan.admissions:
            items.append(item("admission", rng.choice(speakers), speakers, name=member.full_name))
        for member in plan.recognitions:
            items.append(item("recognition", chair_name, speakers, name=member.full_name))
        return tuple(items)

    @staticmethod
    def _conclusion(plan: _Planned, writer: MinutesWriter) -> str:
        """The general conclusion: the month's resolution, the chuyên đề, the proposals."""
        if plan.kind is MeetingKind.COMMITTEE:
            return writer.pick(texts.CONCLUSIONS_COMMITTEE)
        parts = []
        if plan.kind.is_regular:
            points = "; ".join(plan.resolution)
            parts.append(writer.pick(texts.CONCLUSIONS_REGULAR, points=points))
        if plan.kind.is_thematic:
            parts.append(writer.pick(texts.CONCLUSIONS_THEMATIC, topic=plan.topic))
        if plan.admissions:
            names = " và ".join(f"quần chúng {m.full_name}" for m in plan.admissions)
            parts.append(writer.fill(texts.CONCLUSION_ADMISSION, names=names))
        if plan.recognitions:
            names = " và ".join(f"đồng chí {m.full_name}" for m in plan.recognitions)
            parts.append(writer.fill(texts.CONCLUSION_RECOGNITION, names=names))
        return " ".join(parts)

    def _votes(
        self, plan: _Planned, writer: MinutesWriter, roll: list[RollEntry]
    ) -> tuple[Vote, ...]:
        """The conclusion, passed by almost every hand; admission and official status, by two
        thirds or more, often by secret ballot."""
        rng = self.rng
        voters, base = present_voters(roll), vote_base(roll)
        if voters == 0:
            return ()
        votes = []
        if plan.kind is MeetingKind.THEMATIC:
            question = texts.VOTE_THEMATIC
        elif plan.kind is MeetingKind.COMMITTEE:
            question = texts.VOTE_COMMITTEE
        elif plan.kind.is_regular:
            question = rng.choice(texts.VOTE_REGULAR)
        else:
            question = ""
        if question:
            spare = voters - 1 >= required_in_favour(base, VoteKind.ORDINARY)
            abstain = 1 if spare and voters >= 4 and rng.random() < 0.06 else 0
            votes.append(Vote(writer.fill(question), voters - abstain, 0, abstain))
        for template, kind, members in (
            (texts.VOTE_ADMISSION, VoteKind.ADMISSION, plan.admissions),
            (texts.VOTE_RECOGNITION, VoteKind.OFFICIAL_RECOGNITION, plan.recognitions),
        ):
            for member in members:
                spare = voters - 1 >= required_in_favour(base, kind)
                against = 1 if spare and rng.random() < 0.1 else 0
                form = VoteForm.SECRET_BALLOT if rng.random() < 0.5 else VoteForm.SHOW_OF_HANDS
                question = writer.fill(template, name=member.full_name)
                votes.append(Vote(question, voters - against, against, 0, kind, form))
        return tuple(votes)

    def _tasks(
        self, cell: _Cell, plan: _Planned, writer: MinutesWriter, present: list[RollEntry]
    ) -> tuple[Task, ...]:
        """One to three tasks, each reported done at one of the next thường kỳ meetings, except
        the latest ones (and a few forgotten), which stay open."""
        rng = self.rng
        own = [e for e in present if e.is_own_member] or present
        if plan.kind.is_regular:
            count = rng.choice((1, 2, 2, 3))
        else:
            count = 0 if plan.kind is MeetingKind.EXTRAORDINARY else rng.choice((0, 0, 1))
        descriptions = [writer.fill(t) for t in rng.sample(texts.TASKS, count)]
        for template, members in (
            (texts.TASK_ADMISSION, plan.admissions),
            (texts.TASK_RECOGNITION, plan.recognitions),
        ):
            descriptions += [writer.fill(template, name=m.full_name) for m in members]
        later = [d for d in cell.report_days if d > plan.on][:2]
        recent = self.today - timedelta(days=45)
        tasks = []
        for description in descriptions:
            who = rng.choice(own)
            due = plan.on + timedelta(days=rng.randint(14, 35))
            task = Task(description, who.full_name, who.member_id, due)
            if later:
                report = later[-1] if rng.random() < 0.2 else later[0]
                if rng.random() < (0.5 if report > recent else 0.96):
                    notes = texts.TASK_DONE_NOTES + ((texts.TASK_ON_TIME,) if report <= due else ())
                    note = rng.choice(notes).format(on=f"{report:%d/%m/%Y}")
                    task = replace(task, done_on=report, done_note=note)
            tasks.append(task)
        return tuple(tasks)

    def _dues(self, cell: _Cell, roll: list[RollEntry]) -> int:
        """The month's đảng phí: each paying member's usual amount, 20.000–100.000 đồng."""
        usual, total = cell.habits.dues, 0
        for entry in roll:
            if entry.is_own_member and entry.status in (MemberStatus.ACTIVE, MemberStatus.EXEMPT):
                amount = usual.get(entry.member_id)
                if amount is None:
                    amount = usual[entry.member_id] = self.rng.randrange(20, 101, 5) * 1000
                total += amount
        return total

    def _score(self, cell: _Cell, kind: MeetingKind) -> int | None:
        if not kind.is_regular or self.rng.random() >= cell.habits.scored:
            return None
        return self.rng.randint(60, 82) if cell.habits.weak else self.rng.randint(78, 97)

    def _minutes_number(self, cell: _Cell, plan: _Planned) -> int | None:
        """ "Số 07-BB/CB": numbered per year, for the chi bộ that number their minutes."""
        if not cell.habits.numbered or plan.kind is MeetingKind.COMMITTEE:
            return None
        year = plan.on.year
        cell.numbers[year] = cell.numbers.get(year, 0) + 1
        return cell.numbers[year]

    # --- approval ------------------------------------------------------------------------------

    def _settle_state(self, cell: _Cell, meeting: Meeting) -> Meeting:
        """Approve and lock what is old enough, most of the last month's minutes left as drafts;
        a reason is recorded where a warning stands; now and then a correction follows."""
        rng = self.rng
        warnings = approval_warnings(meeting)
        short = any(w.code == "too_short" for w in warnings)
        if meeting.on > self.today - timedelta(days=30):
            approve = rng.random() < 0.25
        else:
            approve = rng.random() >= (0.06 if cell.habits.weak else 0.005)
        if not approve or (short and rng.random() < 0.2):
            return meeting
        approved_on = min(self.today, meeting.on + timedelta(days=rng.randint(0, 6)))
        reason = ""
        if warnings:
            reason = rng.choice(texts.OVERRIDE_SHORT) if short else texts.OVERRIDE_OTHER
        addenda: tuple[Addendum, ...] = ()
        if rng.random() < 0.025:
            on = approved_on + timedelta(days=rng.randint(3, 45))
            text = self._correction(meeting)
            if on <= self.today and text:
                addenda = (Addendum(on, text),)
        return replace(meeting.approved(approved_on, reason), addenda=addenda)

    def _correction(self, meeting: Meeting) -> str:
        """An addendum that corrects something the minutes say, giving the right value."""
        rng, forms = self.rng, texts.ADDENDA
        options = []
        present = meeting.counts.present
        if present >= 4:
            options.append(forms["present"].format(right=present - 1, wrong=present))
        dues = meeting.dues_collected
        if dues:
            right = dues + rng.choice((10_000, 20_000, 50_000))
            options.append(forms["dues"].format(right=grouped(right), wrong=grouped(dues)))
        for task in meeting.tasks[:1]:
            if task.due is not None:
                right_due = f"{task.due + timedelta(days=7):%d/%m/%Y}"
                options.append(
                    forms["due"].format(
                        task=task.description, right=right_due, wrong=f"{task.due:%d/%m/%Y}"
                    )
                )
        names = [e.full_name for e in meeting.roll if e.is_present]
        for number, item in enumerate(meeting.agenda, start=1):
            spoken = [
                (i, o.speaker) for i, o in enumerate(item.opinions, start=1) if o.speaker in names
            ]
            others = [n for n in names if all(n != s for _, s in spoken)]
            if spoken and others:
                index, wrong = spoken[0]
                right = rng.choice(others)
                options.append(
                    forms["speaker"].format(item=number, index=index, right=right, wrong=wrong)
                )
                break
        return rng.choice(options) if options else ""
