"""The demo builder's shared state and the order of the year."""

import random
from dataclasses import dataclass, field


@dataclass
class Demo:
    clock: object
    log: object
    rng: random.Random = field(default_factory=lambda: random.Random(2025))
    users: dict = field(default_factory=dict)
    officers: list = field(default_factory=list)  # bureau officers certified all year
    partner_officers: dict = field(default_factory=dict)  # department code -> [Officer]
    institutions: dict = field(default_factory=dict)  # kind -> [Institution]
    items: dict = field(default_factory=dict)  # code -> EnforcementItem
    campaigns: dict = field(default_factory=dict)  # key -> Campaign
    _team_cursor: int = 0
    _queue: list = field(default_factory=list)
    _seq: int = 0

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
        """Schedule ``fn(demo, *args)`` at ``day hour:00`` of the simulated year."""
        import heapq

        self._seq += 1
        heapq.heappush(self._queue, (day, hour, self._seq, fn, args))

    def run(self) -> None:
        """Play the year in time order; an event may schedule later ones (re-inspections…)."""
        import heapq

        while self._queue:
            day, hour, _seq, fn, args = heapq.heappop(self._queue)
            self.clock.at(day, hour)
            fn(self, *args)

    def build(self) -> None:
        from eduenforce.demo import (
            cases,
            complaints,
            inspect,
            meetings,
            people,
            plans,
            registry,
            report,
        )

        self.log("  · 账号、执法人员与监管对象")
        people.build(self)
        registry.build(self)
        self.log("  · 事项清单、年度执法检查计划、专项检查与抽查计划")
        plans.build(self)
        for module in (people, registry, plans, inspect, complaints, cases, meetings, report):
            module.schedule(self)
        self.log("  · 2025 年：专项治理、双随机抽查、日常巡查、投诉举报、案件办理、联席会议……")
        self.run()
