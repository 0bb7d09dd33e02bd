"""Charts as PNG images for the Word and PDF reports (matplotlib, Agg, Noto CJK)."""

import io
from functools import cache
from pathlib import Path

CJK_FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
]
COLOURS = ["#2f6fb5", "#e07b39", "#3a9d5d", "#c0392b", "#8e6bbf", "#7f8c8d", "#d4ac0d", "#16a085", "#6d4c41"]


@cache
def _font():
    """The CJK font, registered with matplotlib once per process."""
    from matplotlib import font_manager

    for path in CJK_FONT_CANDIDATES:
        if Path(path).exists():
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path)
    return None


def _figure(width=6.4, height=3.2):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    font = _font()
    if font is not None:
        matplotlib.rcParams["font.family"] = font.get_name()
    matplotlib.rcParams["axes.unicode_minus"] = False
    return Figure(figsize=(width, height), dpi=150)


def _png(fig) -> bytes:
    out = io.BytesIO()
    fig.tight_layout()
    fig.savefig(out, format="png")
    return out.getvalue()


def bar_chart(title: str, labels: list[str], values: list[int], *, ylabel: str = "") -> bytes:
    fig = _figure()
    ax = fig.add_subplot()
    bars = ax.bar(range(len(values)), values, color=COLOURS[0])
    ax.set_xticks(range(len(labels)), labels, fontsize=8, rotation=30 if len(labels) > 8 else 0)
    ax.set_title(title, fontsize=11)
    if ylabel:
        ax.set_ylabel(ylabel, fontsize=9)
    ax.bar_label(bars, fontsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def pie_chart(title: str, labels: list[str], values: list[int]) -> bytes:
    fig = _figure(5.2, 3.2)
    ax = fig.add_subplot()
    pairs = [(lab, v) for lab, v in zip(labels, values, strict=True) if v]
    if pairs:
        ax.pie(
            [v for _, v in pairs],
            labels=[f"{lab} {v}" for lab, v in pairs],
            colors=COLOURS,
            textprops={"fontsize": 8},
            startangle=90,
            counterclock=False,
        )
    else:
        ax.text(0.5, 0.5, "本期无数据", ha="center", va="center")
        ax.axis("off")
    ax.set_title(title, fontsize=11)
    return _png(fig)
