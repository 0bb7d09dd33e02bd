"""What every benchmark shares: a timer and the printed line."""

import time
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Result:
    name: str
    value: float
    floor: float
    target: float
    higher_is_better: bool = False
    extra: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.floor if self.floor else float("inf")

    @property
    def passed(self) -> bool:
        return self.ratio >= self.target if self.higher_is_better else self.ratio <= self.target

    def line(self) -> str:
        sign = "≥" if self.higher_is_better else "≤"
        verdict = "ok" if self.passed else "MISSED"
        extra = f" {self.extra}" if self.extra else ""
        return (
            f"{self.name}: {self.ratio:.2f} ({self.value:.4g} / {self.floor:.4g}) "
            f"target {sign} {self.target} {verdict}{extra}"
        )


@contextmanager
def timer():
    box = {}
    start = time.perf_counter()
    yield box
    box["seconds"] = time.perf_counter() - start


def best_of(n: int, fn) -> float:
    """The fastest of ``n`` runs of ``fn``: the least noisy estimate on a shared machine."""
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)
