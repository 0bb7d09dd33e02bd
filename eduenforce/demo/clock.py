"""The demo's clock: every service stamps ``timezone.now()``, so the year is walked through."""

from datetime import date, datetime, time

from django.utils import timezone


class Clock:
    def __init__(self, start: date, until: datetime | None = None):
        self.start = start
        self.until = until
        self._travel = None
        self._coordinates = None
        self.now = None

    def __enter__(self) -> "Clock":
        import time_machine

        self._travel = time_machine.travel(self._aware(self.start, 9, 0), tick=False)
        self._coordinates = self._travel.start()
        self.now = self._aware(self.start, 9, 0)
        return self

    def __exit__(self, *exc) -> None:
        self._travel.stop()

    @staticmethod
    def _aware(day: date, hour: int, minute: int) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())

    def at(self, day: date, hour: int = 9, minute: int = 0) -> datetime:
        """Move to ``day`` at ``hour:minute`` (never backwards: the journal is in time order, and
        never past ``until``, the real now)."""
        target = self._aware(day, hour, minute)
        if self.until is not None:
            target = min(target, self.until)
        if target > self.now:
            self._coordinates.move_to(target)
            self.now = target
        return self.now

    @property
    def today(self) -> date:
        return timezone.localdate()
