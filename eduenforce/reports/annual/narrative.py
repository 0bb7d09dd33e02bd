"""Narrative sections: sanitised rich text, figure placeholders, and conversion to paragraphs.

Staff write the narrative sections in the browser. What is stored is HTML cleaned by nh3
down to a few structural tags (no attributes, no links, no scripts). A narrative may name a
figure as ``{{ joint_random_person_times }}``; rendering replaces it with the computed
value, so even a number inside a sentence is never typed. The replacement is a plain regex
substitution, not a template engine: staff text is never executed.
"""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ol", "ul", "li", "h4"}
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def sanitise(text: str) -> str:
    """Keep structure and emphasis only; plain text (no tags) becomes one paragraph per line."""
    text = (text or "").strip()
    if not text:
        return ""
    if "<" not in text:
        text = "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    return nh3.clean(text, tags=ALLOWED_TAGS, attributes={}, link_rel=None).strip()


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text or ""))


def unknown_placeholders(text: str, known) -> list[str]:
    return sorted(placeholders(text) - set(known))


def format_value(value) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{int(value)}"
    return str(value)


def fill(text: str, figures: dict) -> str:
    """Replace ``{{ key }}`` by the figure's value (unknown keys are left visible for review)."""

    def value(match):
        key = match.group(1)
        return html.escape(format_value(figures[key])) if key in figures else f"【未知指标 {key}】"

    return PLACEHOLDER.sub(value, text or "")


@dataclass
class Paragraph:
    """One output paragraph: runs of (text, bold), and whether it is a sub-heading."""

    runs: list[tuple[str, bool]] = field(default_factory=list)
    heading: bool = False

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


class _ToParagraphs(HTMLParser):
    BLOCKS = {"p", "li", "h4"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[Paragraph] = []
        self.current: Paragraph | None = None
        self.bold = 0
        self.lists: list[list] = []  # stack of [kind, counter]

    def _open(self, heading=False, prefix=""):
        self._close()
        self.current = Paragraph(heading=heading)
        if prefix:
            self.current.runs.append((prefix, False))

    def _close(self):
        if self.current is not None and self.current.text.strip():
            self.out.append(self.current)
        self.current = None

    def handle_starttag(self, tag, attrs):
        if tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("ol", "ul"):
            self._close()
            self.lists.append([tag, 0])
        elif tag == "li":
            prefix = ""
            if self.lists:
                self.lists[-1][1] += 1
                prefix = f"{self.lists[-1][1]}. " if self.lists[-1][0] == "ol" else "• "
            self._open(prefix=prefix)
        elif tag in ("p", "h4"):
            self._open(heading=tag == "h4")
        elif tag == "br" and self.current is not None:
            self._close()
            self.current = Paragraph()

    def handle_endtag(self, tag):
        if tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("ol", "ul"):
            self._close()
            if self.lists:
                self.lists.pop()
        elif tag in self.BLOCKS:
            self._close()

    def handle_data(self, data):
        if not data.strip() and self.current is None:
            return
        if self.current is None:
            self.current = Paragraph()
        self.current.runs.append((data, bool(self.bold)))

    def close(self):
        super().close()
        self._close()


def to_paragraphs(text: str) -> list[Paragraph]:
    """Sanitised HTML → paragraphs for Word and for the plain-text checks."""
    parser = _ToParagraphs()
    parser.feed(text or "")
    parser.close()
    return parser.out
