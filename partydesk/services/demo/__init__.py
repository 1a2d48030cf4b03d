"""The sample office ("--demo"): a deterministic, realistic register for trying PartyDesk out.

``create_demo_database`` builds a complete PartyDesk file for a made-up supervising committee and
``populate_demo`` fills an empty store with it. Two scales are offered:

* ``district``: the Đảng ủy of a Hà Nội ward (about 400 enterprises, 120 Party organisations,
  3,000 members), the typical office since the district level ended on 01/7/2025;
* ``province``: a Tỉnh ủy (about 6,000 enterprises, 2,000 organisations, 100,000 members), to
  feel how the program copes with a large register.

``_tiny`` (60 enterprises, 24 organisations, 400 members) exists for the test suite; the leading
underscore keeps it out of the command line.

The data is Vietnamese and follows the domain rules: names in Vietnamese order weighted by real
family-name frequency, valid tax codes, CCCD numbers that agree with the birth year and gender,
admission, ceremony and official dates that follow the Điều lệ, committee terms with their posts,
and a member history whose events replay to the member's record. A handful of records
deliberately trigger each "cần chú ý" rule, so the panel has something to show without being
noise.

Everything comes from ``random.Random(seed)`` and the ``today`` passed in: the same seed, scale
and day give the same rows. The generator first plans the office in memory (structure, sizes and
statuses, so figures such as "đảng viên đang làm việc" are known before enterprises are written),
then writes it inside one transaction with bulk inserts, so it is fast and all-or-nothing.

The data tables are in ``names`` and ``catalogue``; the generator is a chain of step classes,
one module each (``base``, ``people``, ``enterprises``, ``organisations``, ``member_slots``,
``member_history``, ``members``, ``terms``, ``cadres``, the meeting modules, ``briefings``:
three held briefing rounds, one planned, and the outgoing register lines of their documents;
``evaluations`` and ``evaluation_rows``: the yearly evaluation cycles, three finished years
and the current one in progress, with quota breaches, disciplines, kept reasons and ballots),
assembled in ``generator``; ``database`` writes the new file. The province scale has no
evaluation cycles (see ``scales``).
"""

from partydesk.services.demo.catalogue import MAX_WORKFORCE, MIN_WORKFORCE
from partydesk.services.demo.database import create_demo_database
from partydesk.services.demo.generator import _Generator as _Generator
from partydesk.services.demo.generator import populate_demo
from partydesk.services.demo.helpers import _add_months as _add_months
from partydesk.services.demo.helpers import _add_years as _add_years
from partydesk.services.demo.names import TWO_LEVEL_SINCE
from partydesk.services.demo.scales import SCALES, DemoScale, DemoSummary

__all__ = [
    "MAX_WORKFORCE",
    "MIN_WORKFORCE",
    "SCALES",
    "TWO_LEVEL_SINCE",
    "DemoScale",
    "DemoSummary",
    "create_demo_database",
    "populate_demo",
]
