"""Author the packaged .docx templates of the penalty-case documents.

Run after changing ``eduenforce/cases/docspecs.py``::

    .venv/bin/python tools/build_case_templates.py

and commit ``eduenforce/cases/docx/*.docx``. Staff edit copies of these in Word and upload
them as replacements (records.DocumentTemplate); the packaged files are the defaults.
"""

from pathlib import Path

from eduenforce.cases.docspecs import SPECS
from eduenforce.core.documents import build_docx_template

OUT = Path(__file__).resolve().parent.parent / "eduenforce" / "cases" / "docx"


def main() -> None:
    for spec in SPECS.values():
        build_docx_template(
            OUT / f"{spec.kind}.docx", spec.title, list(spec.paragraphs), closing=spec.closing
        )
        print(f"{spec.kind}.docx  {spec.title}")


if __name__ == "__main__":
    main()
