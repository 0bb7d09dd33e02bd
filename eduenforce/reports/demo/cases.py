"""行政处罚 cases of 2025 (filled in below)."""


def schedule(demo) -> None:
    return None
