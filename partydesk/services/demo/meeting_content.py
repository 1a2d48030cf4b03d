"""The words of the sample minutes: agenda items, opinions, conclusions and tasks written from
the templates of ``meeting_texts`` for one chi bộ and one month, so no two read the same."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from partydesk.domain.meeting import AgendaItem, Opinion
from partydesk.domain.numbers import grouped
from partydesk.services.demo import meeting_news as news
from partydesk.services.demo import meeting_texts as texts
from partydesk.services.demo.helpers import _add_months

ROMAN = ("I", "II", "III", "IV")
# Items that present a report or draft, where a speaker first says whether they agree with it.
_REPORTS = frozenset({"review", "plan", "thematic", "year", "committee"})


@dataclass(frozen=True, slots=True)
class CellVoice:
    """How the minutes of one chi bộ speak of its workplace."""

    company: str  # "Công ty CP May Thăng Long", "Xưởng sản xuất số 2"
    unit: str  # as in "người lao động trong {unit}"
    output: str  # what the workplace reports on ("sản lượng đơn hàng may xuất khẩu")
    workers: int


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class MinutesWriter:
    """Writes the text of one meeting; every choice comes from the generator's random stream."""

    def __init__(self, rng: random.Random, voice: CellVoice, on: date, period: tuple[int, int]):
        self.rng = rng
        year, month = period
        following = _add_months(date(year, month, 1), 1)
        self.on = on
        self.fields: dict[str, object] = {
            "month": month,
            "year": year,
            "next_month": following.month,
            "next_year": following.year,
            "quarter": ROMAN[(month - 1) // 3],
            "next_quarter": ROMAN[(following.month - 1) // 3],
            "company": voice.company,
            "unit": voice.unit,
            "output": voice.output,
            "workers": grouped(voice.workers),
            "pct": rng.randint(3, 15),
            "topic": "",
            "name": "",
            "presenter": "",
            "count": rng.randint(1, 3),
        }

    def fill(self, template: str, **extra: object) -> str:
        """The template with this meeting's fields, starting with a capital letter."""
        return _capital(template.format_map({**self.fields, **extra}))

    def pick(self, options: Sequence[str], **extra: object) -> str:
        return self.fill(self.rng.choice(options), **extra)

    def some(self, options: Sequence[str], k: int, **extra: object) -> list[str]:
        chosen = self.rng.sample(list(options), min(k, len(options)))
        return [self.fill(o, **extra) for o in chosen]

    # --- agenda items --------------------------------------------------------------------------

    def month_news(self) -> str:
        """What the month's "thông tin thời sự" is about, most specific first."""
        year, month = self.fields["year"], self.fields["month"]
        assert isinstance(year, int) and isinstance(month, int)
        found = [text for first, last, text in news.DATED_NEWS if first <= (year, month) <= last]
        for template, since in news.ANNIVERSARIES.get(month, ()):
            found.append(template.format(n=year - since, year=year))
        self.rng.shuffle(found)
        found = found[:2]
        found.append(self.rng.choice(news.GENERAL_NEWS))
        return "; ".join(found)

    def plan_points(self) -> list[str]:
        month = self.fields["next_month"]
        assert isinstance(month, int)
        points = self.some(texts.PLAN_BUSINESS, self.rng.randint(1, 2))
        points += self.some(texts.PLAN_PARTY, 1)
        points += self.some(texts.PLAN_SEASON.get(month, ()), 1)
        return [p[:1].lower() + p[1:] for p in points]

    def item(
        self,
        kind: str,
        presenter: str,
        speakers: Sequence[str],
        guest: str = "",
        title: str = "",
        **extra: object,
    ) -> AgendaItem:
        """One numbered agenda item of ``kind`` with its summary, opinions and conclusion."""
        extra = {"presenter": presenter, **extra}
        usual_title, summary = self._title_and_summary(kind, extra)
        return AgendaItem(
            title=self.fill(title, **extra) if title else usual_title,
            presenter=presenter,
            summary=summary,
            opinions=self.opinions(kind, presenter, speakers, guest, extra),
            conclusion=self.pick(texts.ITEM_CONCLUSIONS[kind], **extra),
        )

    def _title_and_summary(self, kind: str, extra: dict[str, object]) -> tuple[str, str]:
        rng, fill, pick = self.rng, self.fill, self.pick
        if kind == "news":
            summary = [pick(texts.NEWS_OPENERS, news=self.month_news(), **extra)]
            summary += self.some(texts.NEWS_CLOSERS, rng.randint(1, 2), **extra)
            return pick(texts.NEWS_TITLES), " ".join(summary)
        if kind == "review":
            business = (
                texts.REVIEW_BUSINESS_GOOD if rng.random() < 0.8 else texts.REVIEW_BUSINESS_WEAK
            )
            summary = [pick(business), *self.some(texts.REVIEW_WORKERS, rng.randint(1, 2))]
            summary += self.some(texts.REVIEW_PARTY, 1)
            notes = extra.get("notes", ())
            assert isinstance(notes, list | tuple)
            summary += [str(note) for note in notes]  # the month's kết nạp ceremonies
            if rng.random() < 0.4:
                summary.append(pick(texts.REVIEW_LIMITS))
            title = (
                texts.HALF_YEAR_TITLE if extra.get("half_year") else rng.choice(texts.REVIEW_TITLES)
            )
            return fill(title), " ".join(summary)
        if kind == "plan":
            points = extra["points"]
            assert isinstance(points, list)
            summary = pick(texts.PLAN_OPENERS, **{**extra, "points": "; ".join(points)})
            return pick(texts.PLAN_TITLES), summary
        if kind == "hcm":
            summary = [pick(texts.HCM_SUMMARIES, **extra), pick(texts.HCM_FOLLOW)]
            return pick(texts.HCM_TITLES), " ".join(summary)
        if kind == "thought":
            return texts.THOUGHT_TITLE, " ".join(self.some(texts.THOUGHT_SUMMARIES, 2))
        if kind == "development":
            return texts.DEVELOPMENT_TITLE, pick(texts.DEVELOPMENT_SUMMARIES)
        if kind == "year":
            return fill(texts.YEAR_REVIEW_TITLE), " ".join(self.some(texts.YEAR_REVIEW_SUMMARY, 2))
        if kind == "admission":
            summary = " ".join(fill(s, **extra) for s in texts.ADMISSION_SUMMARY)
            return fill(texts.ADMISSION_TITLE, **extra), summary
        if kind == "recognition":
            summary = " ".join(fill(s, **extra) for s in texts.RECOGNITION_SUMMARY)
            return fill(texts.RECOGNITION_TITLE, **extra), summary
        if kind == "thematic":
            points = extra["points"]
            assert isinstance(points, tuple)
            summary = [pick(texts.THEMATIC_OPENERS, **extra), *points]
            return pick(texts.THEMATIC_TITLES, **extra), " ".join(summary)
        if kind == "discussion":
            return fill(texts.DISCUSSION_TITLE), " ".join(self.some(texts.DISCUSSION_SUMMARIES, 2))
        if kind == "pledge":
            return fill(texts.PLEDGE_TITLE), " ".join(self.some(texts.PLEDGE_SUMMARIES, 2))
        if kind == "committee":
            summary = self.some(texts.COMMITTEE_SUMMARIES, 2, **extra)
            return pick(texts.COMMITTEE_TITLES), " ".join(summary)
        raise ValueError(f"unknown agenda item kind {kind!r}")

    def opinions(
        self,
        kind: str,
        presenter: str,
        speakers: Sequence[str],
        guest: str,
        extra: dict[str, object],
    ) -> tuple[Opinion, ...]:
        """One to four members speak, in turn; an upper-level guest speaks last."""
        rng = self.rng
        others = [s for s in speakers if s != presenter]
        bodies = texts.OPINIONS[kind]
        count = min(len(others), len(bodies), rng.choice((1, 1, 2, 2, 2, 3, 3, 4)))
        opinions = []
        for speaker, body in zip(rng.sample(others, count), rng.sample(bodies, count), strict=True):
            opener = rng.choice(texts.OPINION_OPENERS) if kind in _REPORTS else ""
            if body.startswith("Nhất trí") and opener.startswith("Nhất trí"):
                opener = ""
            text = f"{opener} {body}".strip()
            opinions.append(Opinion(speaker, self.fill(text, **extra)))
        if guest:
            opinions.append(Opinion(guest, self.pick(texts.GUEST_OPINIONS)))
        return tuple(opinions)
