"""The sizes a sample office comes in (district, province) and the summary of one."""

from __future__ import annotations

from dataclasses import dataclass

from partydesk.domain.numbers import grouped


@dataclass(frozen=True, slots=True)
class DemoScale:
    """Target sizes of a sample office; the generator lands on them exactly or within 5 %."""

    enterprises: int
    organisations: int
    members: int
    cadres: int = 8
    party_committee_share: float = 0.06  # share of organisations that are đảng bộ cơ sở
    cells_per_committee: tuple[int, int] = (4, 8)  # chi bộ trực thuộc of each đảng bộ
    region: str = "ha_noi"
    meeting_months: int = 18  # months of chi bộ minutes up to today, from the quarter's start
    meeting_items: int = 6  # most agenda items in a thường kỳ meeting
    evaluation_years: int = 4  # evaluation cycles up to the open one (three finished)


SCALES: dict[str, DemoScale] = {
    "district": DemoScale(enterprises=400, organisations=120, members=3000),
    "province": DemoScale(
        6000,
        2000,
        100_000,
        cadres=60,
        party_committee_share=0.08,
        cells_per_committee=(4, 10),
        region="bac_ninh",
        # Minutes of 100,000 members for a year and a half would take minutes to build and
        # half a gigabyte; the last few months show the same views.
        meeting_months=3,
        meeting_items=4,
        # Each cycle costs about 10 s here (reading the roll of 100,000 members through
        # build_roster, then inserting the rows), which the 60 s budget of this scale does not
        # leave room for: the province office has no evaluation cycles.
        evaluation_years=0,
    ),
    # For the test suite only (fast); the underscore keeps it out of the command line.
    "_tiny": DemoScale(
        60, 24, 400, cadres=4, party_committee_share=0.1, cells_per_committee=(3, 4)
    ),
}


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the sample office contains, row counts per table."""

    scale: str
    seed: int
    enterprises: int
    organisations: int
    members: int
    member_events: int
    terms: int
    committee_posts: int
    cadres: int
    cadre_assignments: int
    meetings: int = 0
    meeting_tasks: int = 0
    meeting_addenda: int = 0
    meeting_drafts: int = 0
    briefings: int = 0
    briefing_invitees: int = 0
    briefing_issues: int = 0
    outgoing_documents: int = 0
    office_terms: int = 0
    holidays: int = 0
    due_marks: int = 0
    evaluation_cycles: int = 0
    member_evaluations: int = 0
    org_evaluations: int = 0
    statistics_targets: int = 0

    def describe(self) -> str:
        """One Vietnamese line for the command line and logs."""
        parts = (
            (self.enterprises, "doanh nghiệp"),
            (self.organisations, "tổ chức đảng"),
            (self.members, "đảng viên"),
            (self.member_events, "biến động đảng viên"),
            (self.terms, "nhiệm kỳ"),
            (self.committee_posts, "chức vụ cấp ủy"),
            (self.cadres, "cán bộ phụ trách"),
            (self.meetings, "biên bản sinh hoạt"),
            (self.meeting_tasks, "nhiệm vụ được giao"),
            (self.meeting_addenda, "đính chính biên bản"),
            (self.briefings, "hội nghị giao ban"),
            (self.briefing_issues, "kiến nghị, vướng mắc"),
            (self.outgoing_documents, "văn bản đi"),
            (self.evaluation_cycles, "kỳ đánh giá, xếp loại"),
        )
        return ", ".join(f"{grouped(n)} {label}" for n, label in parts) + "."


def _scale(scale: str) -> DemoScale:
    try:
        return SCALES[scale]
    except KeyError:
        known = ", ".join(s for s in SCALES if not s.startswith("_"))
        raise ValueError(f"Unknown demo scale {scale!r}; expected one of: {known}") from None
