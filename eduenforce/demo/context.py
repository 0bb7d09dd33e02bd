"""The demo builder's shared state, the years it builds and the order of events.

The design is written for its reference year (``DESIGN_YEAR``, the year of the seed report);
``Year.day`` moves a design date into the year being built, keeping its weekday. The district
is built for the last full year (every figure of the reference report) and for the current
year up to now (``Year.current``), so it looks like a live bureau on whatever date it is
loaded.
"""

import heapq
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

DESIGN_YEAR = 2025


def same_weekday(design: date, year: int) -> date:
    """``design``'s month and day in ``year``, moved to the nearest day of the same weekday."""
    day = date(year, design.month, min(design.day, 28) if design.month == 2 else design.day)
    shift = (design.weekday() - day.weekday() + 3) % 7 - 3
    moved = day + timedelta(days=shift)
    if moved.year != year:
        moved += timedelta(days=-7 if shift > 0 else 7)
    return moved


@dataclass
class Year:
    """One built year: its design offset and what its events share."""

    year: int
    current: bool = False  # the year of ``until``: replayed up to now, with work in hand
    campaigns: dict = field(default_factory=dict)  # key -> Campaign
    complaint_leads: list = field(default_factory=list)
    counters: dict = field(default_factory=dict)

    def day(self, design: date) -> date:
        """A date of the design (written for DESIGN_YEAR, or the year after) in this year."""
        return same_weekday(design, self.year + design.year - DESIGN_YEAR)

    def count(self, name: str) -> int:
        self.counters[name] = self.counters.get(name, 0) + 1
        return self.counters[name]

    @property
    def starts(self) -> date:
        return date(self.year, 1, 1)


@dataclass
class Demo:
    clock: object
    log: object
    year: int = DESIGN_YEAR  # the report year, built in full
    until: datetime | None = None  # events after this moment are not played (now)
    rng: random.Random = field(default_factory=lambda: random.Random(2025))
    users: dict = field(default_factory=dict)
    officers: list = field(default_factory=list)  # bureau officers certified all year
    partner_officers: dict = field(default_factory=dict)  # department code -> [Officer]
    institutions: dict = field(default_factory=dict)  # kind -> [Institution]
    items: dict = field(default_factory=dict)  # code -> EnforcementItem
    years: list = field(default_factory=list)  # [report Year, current Year]
    _team_cursor: int = 0
    _queue: list = field(default_factory=list)
    _seq: int = 0

    def __post_init__(self) -> None:
        self.years = [Year(self.year), Year(self.year + 1, current=True)]

    @property
    def report_year(self) -> Year:
        return self.years[0]

    @property
    def current_year(self) -> Year:
        return self.years[1]

    @property
    def today(self) -> date:
        """The last day played: the day the district is loaded (or the end of the year after)."""
        return timezone.localtime(self.until).date()

    @property
    def head(self):
        return self.users["liqiang"]

    @property
    def leader(self):
        return self.users["zhaomin"]

    @property
    def field_officer(self):
        return self.users["zhangwei"]

    @property
    def reviewer(self):
        return self.users["wangfang"]

    def team(self, size: int = 2) -> list:
        """The next pair of certified bureau officers, in rotation (deterministic)."""
        out = [self.officers[(self._team_cursor + i) % len(self.officers)] for i in range(size)]
        self._team_cursor += size
        return out

    def at(self, day, hour, fn, *args) -> None:
        """Schedule ``fn(demo, *args)`` at ``day hour:00``; nothing later than ``until`` is played."""
        if self.until is not None:
            moment = datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())
            if moment > self.until:
                return
        self._seq += 1
        heapq.heappush(self._queue, (day, hour, self._seq, fn, args))

    def run(self) -> None:
        """Play the years in time order; an event may schedule later ones (re-inspections…)."""
        while self._queue:
            day, hour, _seq, fn, args = heapq.heappop(self._queue)
            self.clock.at(day, hour)
            fn(self, *args)

    def build(self) -> None:
        from eduenforce.demo import (
            calendar,
            cases,
            complaints,
            inspect,
            meetings,
            people,
            plans,
            registry,
            report,
        )

        self.log("  · 账号、执法人员、工作日历与监管对象")
        people.build(self)
        calendar.build(self)
        registry.build(self)
        self.log("  · 事项清单、年度执法检查计划、专项检查与抽查计划")
        plans.build(self)
        for year in self.years:
            for module in (people, registry, plans, inspect, complaints, cases, meetings, report):
                module.schedule(self, year)
        self.log(
            f"  · {self.year} 年全年与 {self.year + 1} 年截至 {self.today:%m 月 %d 日}："
            "专项治理、双随机抽查、日常巡查、投诉举报、案件办理、联席会议……"
        )
        self.run()
