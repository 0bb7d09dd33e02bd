"""Reading generated documents in tests: .docx with python-docx, PDF with pypdf, and the
GB/T 9704 page checks every document kind must pass (``assert_gbt9704_docx`` / ``_pdf``)."""

import io

from eduenforce.core import page_layout

A4_POINTS = (595.28, 841.89)


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of the body, in document order, one per line."""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(content))
    lines = []
    for element in doc.element.body.iterchildren():
        if element.tag == qn("w:p"):
            lines.append("".join(t.text or "" for t in element.iter(qn("w:t"))))
        elif element.tag == qn("w:tbl"):
            for tr in element.iter(qn("w:tr")):
                cells = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))]
                lines.append("｜".join(cells))
    return "\n".join(lines)


def pdf_pages(content: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content: bytes) -> str:
    return "".join(pdf_pages(content))


def assert_gbt9704_docx(content: bytes, *, tables: bool = False) -> None:
    """A4, margins 37/35/28/26 mm, East-Asian fonts named, a PAGE field, the closing kept together."""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(content))
    for section in doc.sections:
        assert _mm(section.page_width, section.page_height) == (210, 297)
        margins = _mm(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        assert margins == tuple(page_layout.MARGINS_MM[k] for k in ("top", "bottom", "left", "right"))
        footer_xml = section.footer._element.xml
        assert "PAGE" in footer_xml and "— " in footer_xml
    fonts = {
        name: doc.styles[name].element.rPr.rFonts.get(qn("w:eastAsia"))
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3")
    }
    assert fonts == {
        "Normal": "仿宋_GB2312",
        "Title": "方正小标宋简体",
        "Heading 1": "黑体",
        "Heading 2": "楷体_GB2312",
        "Heading 3": "仿宋_GB2312",
    }
    closing = list(page_layout.closing_range(doc.paragraphs))
    assert len(closing) >= 2
    assert all(doc.paragraphs[i].paragraph_format.keep_with_next for i in closing[:-1])
    if tables:
        assert doc.tables, "a form-like document must carry real tables"


def assert_gbt9704_pdf(
    content: bytes, *, required: tuple[str, ...] = (), closing: tuple[str, ...] = ()
) -> None:
    """A4 pages, "— n —" page numbers, the required items present, and no last page holding only
    the closing lines (agency, date, signatures): some other text shares the page with them."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - A4_POINTS[0]) < 1 and abs(float(box.height) - A4_POINTS[1]) < 1
    pages = [page.extract_text() or "" for page in reader.pages]
    text = "".join(pages)
    assert "— 1 —" in pages[0]
    for item in required:
        assert _squash(item) in _squash(text), item
    last = _squash(pages[-1].replace(f"— {len(pages)} —", ""))
    for line in closing:
        last = last.replace(_squash(line), "")
    assert len(last) > 10, f"the last page holds only the closing lines: {pages[-1]!r}"


def _mm(*lengths) -> tuple[int, ...]:
    """EMU → whole millimetres (Word stores twips, so Mm(210) reads back a few EMU off)."""
    return tuple(round(length.mm) for length in lengths)


def _squash(text: str) -> str:
    return "".join(text.split())
