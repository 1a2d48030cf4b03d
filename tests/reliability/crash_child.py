"""The process the crash test kills (reliability T1): real service writes, in a loop, until killed.

    .venv/bin/python -m tests.reliability.crash_child DB SEED
    .venv/bin/python tests/reliability/crash_child.py DB SEED

It opens the database the way the program does (``open_store``, ``build_services``), prints
``READY``, then saves one record after another through the services: an enterprise, a member
with long notes, a member's status event, a meeting with its roll, agenda, opinions, vote and
task, an outgoing document number. Each is one multi-row transaction that writes its audit row
before COMMIT. One line per write is printed and flushed only after the service call has
returned, so every line the parent reads is a promise that the change is on disk:

    <kind> <record id> <marker> [name=count …]

``marker`` (``SEED.N``) is written into the record itself so the parent can find it; the
counts say how many child rows the record was saved with. Writes run with
``PARTYDESK_STRICT_AUDIT=1``: a write outside a named action would stop the child.
"""

from __future__ import annotations

import os
import random
import sys
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path

from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.meeting import (
    AgendaItem,
    Meeting,
    Opinion,
    Presence,
    RollEntry,
    Task,
    Vote,
)
from partydesk.domain.member import EventKind, Gender, Member, MemberEvent, MemberStatus
from partydesk.domain.organisation import Organisation, OrgKind
from partydesk.domain.outgoing import NumberRequest
from partydesk.domain.settings import OfficeSettings
from partydesk.services.app import AppServices, build_services
from partydesk.store.store import create_store, open_store

TODAY = date(2026, 11, 21)
READY = "READY"
CELL_NAME = "Chi bộ Công ty Cổ phần Kiểm thử"
SETUP_MEMBERS = 10
OFFICE = OfficeSettings(
    committee_full_name="Đảng ủy phường An Khánh",
    committee_header="ĐẢNG ỦY PHƯỜNG AN KHÁNH",
    locality="An Khánh",
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Mai", "Nam", "Thảo")
SENTENCE = "Đồng chí tích cực tham gia sinh hoạt, hoàn thành tốt nhiệm vụ được giao. "


@dataclass(frozen=True, slots=True)
class Mark:
    """Where a write leaves its marker: ``column`` of the row whose ``id_column`` is the id
    the acknowledgement names holds ``template`` filled in (or starts with it)."""

    table: str
    id_column: str
    column: str
    template: str
    prefix: bool = False

    def text(self, marker: str) -> str:
        return self.template.format(marker=marker)


MARKS = {
    "enterprise": Mark("enterprises", "id", "name", "Công ty TNHH Kiểm thử {marker}"),
    "member": Mark("members", "id", "notes", "[{marker}] ", prefix=True),
    "event": Mark("member_events", "member_id", "note", "{marker}"),
    "meeting": Mark("meetings", "id", "conclusion", "Kết luận buổi sinh hoạt {marker}"),
    "number": Mark("outgoing_documents", "id", "source", "crash:{marker}"),
}

# (kind, weight): members and meetings carry the most rows and text, so they come most often.
WRITES = (("enterprise", 2), ("member", 3), ("event", 3), ("meeting", 3), ("number", 2))


def prepare(path: Path) -> None:
    """Create the database the child writes into: office settings, one cell, a few members."""
    store = create_store(path)
    try:
        services = build_services(store, today=lambda: TODAY)
        services.office.save(OFFICE)
        cell = services.register.save_organisation(
            Organisation(name=CELL_NAME, kind=OrgKind.CELL_BASE),
        )
        rng = random.Random(0)
        for _ in range(SETUP_MEMBERS):
            services.register.save_member(_member(rng, cell, ""))
    finally:
        store.close()


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _member(rng: random.Random, organisation_id: int, marker: str) -> Member:
    return Member(
        full_name=_name(rng),
        birth_date=date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28)),
        gender=rng.choice(list(Gender)),
        organisation_id=organisation_id,
        residence="Số 12 đường Lê Lợi, phường An Khánh",
        job_title="Nhân viên kỹ thuật",
        notes=MARKS["member"].text(marker) + SENTENCE * rng.randint(10, 120),
    )


@dataclass
class Writer:
    """One write per ``step``, chosen at random; returns the acknowledgement line."""

    services: AppServices
    rng: random.Random
    seed: int
    organisation_id: int
    member_ids: list[int] = field(default_factory=list)
    count: int = 0

    @classmethod
    def start(cls, services: AppServices, seed: int) -> Writer:
        (organisation_id, _), *_ = services.register.organisation_choices()
        members = [member_id for member_id, _ in services.register.member_choices(organisation_id)]
        return cls(services, random.Random(seed), seed, organisation_id, members)

    def step(self) -> str:
        self.count += 1
        marker = f"{self.seed}.{self.count}"
        kinds, weights = zip(*WRITES, strict=True)
        kind = self.rng.choices(kinds, weights)[0]
        return getattr(self, f"write_{kind}")(marker)

    def _day(self) -> date:
        return date(2026, self.rng.randint(1, 11), self.rng.randint(1, 20))

    def write_enterprise(self, marker: str) -> str:
        enterprise = Enterprise(
            name=MARKS["enterprise"].text(marker),
            type=self.rng.choice(list(EnterpriseType)),
            address="Lô B3, khu công nghiệp An Khánh",
            workforce=self.rng.randint(5, 900),
        )
        enterprise_id = self.services.register.save_enterprise(enterprise)
        return f"enterprise {enterprise_id} {marker}"

    def write_member(self, marker: str) -> str:
        member_id = self.services.register.save_member(
            _member(self.rng, self.organisation_id, marker)
        )
        self.member_ids.append(member_id)
        return f"member {member_id} {marker}"

    def write_event(self, marker: str) -> str:
        """Exempt an active member, or bring an exempted one back: an event row plus the
        member's record, in one transaction."""
        register = self.services.register
        member_id = self.rng.choice(self.member_ids)
        on, note = self._day(), MARKS["event"].text(marker)
        if register.member(member_id).status is MemberStatus.ACTIVE:
            until = on + timedelta(days=365)
            event = MemberEvent(member_id, EventKind.EXEMPTED, on, until=until, note=note)
        else:
            event = MemberEvent(member_id, EventKind.RESUMED, on, note=note)
        register.record_event(event)
        return f"event {member_id} {marker}"

    def write_meeting(self, marker: str) -> str:
        rng = self.rng
        chosen = rng.sample(self.member_ids, min(len(self.member_ids), rng.randint(3, 8)))
        register = self.services.register
        roll = tuple(
            RollEntry(m.id or 0, m.full_name, m.standing, m.status, Presence.PRESENT)
            for m in (register.member(member_id) for member_id in chosen)
        )
        agenda = tuple(
            AgendaItem(
                title=f"Nội dung {i}: kiểm điểm công tác tháng",
                presenter=roll[0].full_name,
                summary=SENTENCE * rng.randint(1, 6),
                opinions=tuple(
                    Opinion(rng.choice(roll).full_name, SENTENCE * rng.randint(1, 4))
                    for _ in range(rng.randint(1, 5))
                ),
                conclusion="Thống nhất thực hiện.",
            )
            for i in range(1, rng.randint(1, 4) + 1)
        )
        meeting = Meeting(
            organisation_id=self.organisation_id,
            on=self._day(),
            starts=time(8, 0),
            ends=time(10, 0),
            place="Hội trường tầng 2",
            roll=roll,
            chair_member_id=roll[0].member_id,
            agenda=agenda,
            conclusion=MARKS["meeting"].text(marker),
            votes=(Vote("Thông qua nghị quyết tháng", in_favour=len(roll)),),
            tasks=(Task("Hoàn thành báo cáo quý", assignee=roll[-1].full_name, due=TODAY),),
        )
        meeting_id = self.services.meetings.save(meeting)
        opinions = sum(len(item.opinions) for item in agenda)
        return (
            f"meeting {meeting_id} {marker} meeting_roll={len(roll)}"
            f" meeting_agenda={len(agenda)} meeting_opinions={opinions}"
            " meeting_votes=1 meeting_tasks=1"
        )

    def write_number(self, marker: str) -> str:
        outgoing = self.services.outgoing
        request = NumberRequest(
            outgoing.office_issuer(),
            "GM",
            self._day(),
            f"Giấy mời họp {marker}",
            MARKS["number"].text(marker),
        )
        line = outgoing.take_number(request)
        return f"number {line.id} {marker}"


def main(argv: list[str]) -> int:
    os.environ["PARTYDESK_STRICT_AUDIT"] = "1"
    path, seed = Path(argv[0]), int(argv[1])
    store = open_store(path, path.parent / "backups")
    services = build_services(store, today=lambda: TODAY)
    writer = Writer.start(services, seed)
    print(READY, flush=True)
    while True:
        print(writer.step(), flush=True)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
