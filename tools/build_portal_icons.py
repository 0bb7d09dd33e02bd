"""Build the portal's icon font: the few Bootstrap Icons the public pages use, subset from the
vendored font (MIT, Bootstrap Icons v1.13.2), so a public page does not download 134 KiB of
glyphs it never shows. Run after adding an icon to a public template:

    .venv/bin/python tools/build_portal_icons.py

Writes eduenforce/portal/static/portal/icons.woff2 and icons.css.
"""

import re
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent / "eduenforce"
VENDOR = ROOT / "static" / "vendor" / "bootstrap-icons"
OUT = ROOT / "portal" / "static" / "portal"
ICONS = [
    "bank",
    "filetype-csv",
    "patch-check-fill",
    "person-badge",
    "plus",
    "question-octagon",
    "search",
    "x-octagon-fill",
]


def main() -> None:
    css = (VENDOR / "bootstrap-icons.min.css").read_text()
    points = {}
    for name in ICONS:
        match = re.search(r"\.bi-" + re.escape(name) + r'::before\{content:"\\([0-9a-f]+)"\}', css)
        if not match:
            raise SystemExit(f"unknown icon: {name}")
        points[name] = int(match.group(1), 16)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    options.name_IDs = []
    options.notdef_outline = False
    font = subset.load_font(str(VENDOR / "fonts" / "bootstrap-icons.woff2"), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=list(points.values()))
    subsetter.subset(font)
    subset.save_font(font, str(OUT / "icons.woff2"), options)
    rules = "".join(f'.bi-{name}::before{{content:"\\{cp:x}"}}' for name, cp in points.items())
    (OUT / "icons.css").write_text(
        "/* Subset of Bootstrap Icons v1.13.2 (MIT) built by tools/build_portal_icons.py */\n"
        '@font-face{font-display:block;font-family:portal-icons;src:url("icons.woff2") format("woff2")}'
        '.bi::before,[class*=" bi-"]::before,[class^=bi-]::before{display:inline-block;'
        "font-family:portal-icons!important;font-style:normal;font-weight:400!important;"
        "font-variant:normal;text-transform:none;line-height:1;vertical-align:-.125em;"
        "-webkit-font-smoothing:antialiased;-moz-osx-font-smoothing:grayscale}" + rules + "\n"
    )


if __name__ == "__main__":
    main()
