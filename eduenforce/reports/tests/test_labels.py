"""Every figure has a label, a counting rule, and a line in docs/statistics.md."""

from pathlib import Path

import pytest

from eduenforce.reports.stats.figures import annual_figures
from eduenforce.reports.stats.labels import FIGURE_LABELS, REFERENCE_KEYS
from eduenforce.reports.stats.period import Period

DOCS = Path(__file__).resolve().parents[3] / "docs" / "statistics.md"


@pytest.mark.django_db
def test_every_computed_figure_is_labelled_and_documented():
    keys = set(annual_figures(Period.year(2025)))
    assert keys == set(FIGURE_LABELS)
    text = DOCS.read_text(encoding="utf-8")
    undocumented = sorted(
        k for k in keys - {"year"} if f"`{k}`" not in text and f"`{k.rsplit('_', 1)[0]}" not in text
    )
    assert not undocumented
    assert set(REFERENCE_KEYS) <= keys
