"""The 2025 annual report draft (filled in below)."""


def schedule(demo) -> None:
    return None
