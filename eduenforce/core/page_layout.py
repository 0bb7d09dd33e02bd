"""The one GB/T 9704-2012 page of every generated document (文书, minutes, the annual report).

``apply(doc)`` is run on every .docx after its template is filled (``core.documents.finish_docx``),
so a packaged template, an administrator's uploaded replacement and the annual report all come
out the same: A4, margins 37/35/28/26 mm, 仿宋 3号 body, 小标宋 title, 黑体/楷体/仿宋 heading
levels as real heading styles, a "— 1 —" page-number field, and the seal block and date kept
with the last paragraph so no page holds only the agency and the date. The PDF is made from the
same .docx (``core.docx_html``) with the same measures in CSS.
"""

from dataclasses import dataclass

# Page (mm) — GB/T 9704-2012 §5.2.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
# 22 lines of 28 characters: the 225 mm text block / 22 lines.
LINE_PITCH_PT = 29

# East-Asian font names Word uses on a bureau PC; the PDF uses the Noto CJK fonts installed.
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONTS = ("黑体", "楷体_GB2312", BODY_FONT)  # 一、 / （一） / 1.
PAGE_NUMBER_FONT = "宋体"
BODY_PT, TITLE_PT, NUMBER_PT, TABLE_PT, PAGE_NUMBER_PT = 16, 22, 16, 14, 14

# Paragraph styles the templates use (besides Normal and Heading 1–3).
TITLE = "Title"
ISSUER = "Issuer Mark"  # 发文机关标志 (red head)
DOC_NUMBER = "Document Number"  # 发文字号
SIGNATURE = "Signature Block"  # 发文机关署名, 印章 and 成文日期
NOTE = "Imprint"  # 版记 lines
RED = (0xC0, 0x00, 0x00)


@dataclass(frozen=True)
class StyleSpec:
    font: str
    size: int
    bold: bool = False
    align: str = "left"  # left | center | right | justify
    red: bool = False
    indent: bool = False


STYLES = {
    "Normal": StyleSpec(BODY_FONT, BODY_PT, indent=True, align="justify"),
    TITLE: StyleSpec(TITLE_FONT, TITLE_PT, align="center"),
    ISSUER: StyleSpec(TITLE_FONT, TITLE_PT, align="center", red=True),
    DOC_NUMBER: StyleSpec(BODY_FONT, NUMBER_PT, align="center"),
    "Heading 1": StyleSpec(HEADING_FONTS[0], BODY_PT, indent=True),
    "Heading 2": StyleSpec(HEADING_FONTS[1], BODY_PT, indent=True),
    "Heading 3": StyleSpec(HEADING_FONTS[2], BODY_PT, bold=True, indent=True),
    SIGNATURE: StyleSpec(BODY_FONT, BODY_PT, align="right"),
    NOTE: StyleSpec(BODY_FONT, TABLE_PT),
}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def apply(doc) -> None:
    """Give python-docx ``doc`` the GB/T 9704 page, styles, page numbers and keep-together."""
    for section in doc.sections:
        _page(section)
    for name, spec in STYLES.items():
        _style(doc, name, spec)
    _tables(doc)
    _keep_closing_together(doc)


def _page(section) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(25)
    section.header_distance = Mm(15)
    _page_number_footer(section.footer)


def _page_number_footer(footer) -> None:
    """“— 1 —”: a PAGE field between two em dashes, 4号 宋体, centred."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    for run in list(paragraph.runs):
        run._element.getparent().remove(run._element)
    for extra in footer.paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def run(text: str = "", field: str | None = None, instr: str | None = None):
        r = paragraph.add_run(text)
        set_font(r, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        if field:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), field)
            r._element.append(char)
        if instr:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = instr
            r._element.append(code)

    run("— ")
    run(field="begin")
    run(instr=" PAGE ")
    run(field="separate")
    run("1")
    run(field="end")
    run(" —")


def set_font(run_or_style, name: str, size: int | None = None, bold: bool | None = None) -> None:
    """Name the font for Latin and East-Asian text (w:eastAsia), dropping theme fonts."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = name
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    element = run_or_style.element if hasattr(run_or_style, "style_id") else run_or_style._element
    rfonts = element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), name)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)


def _style(doc, name: str, spec: StyleSpec) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
    set_font(style, spec.font, spec.size, spec.bold)
    style.font.italic = False
    style.font.color.rgb = RGBColor(*RED) if spec.red else RGBColor(0, 0, 0)
    fmt = style.paragraph_format
    fmt.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
    }[spec.align]
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(spec.size * 2) if spec.indent else Pt(0)
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):  # the default Title style draws a rule under it
        ppr.remove(border)


def _tables(doc) -> None:
    """Table text at 4号, single-spaced and not indented (forms would not fit at 3号 / 29 pt)."""
    from docx.shared import Pt

    for table in doc.tables:
        table.style = _grid_style(doc)
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.first_line_indent = Pt(0)
                    p.paragraph_format.line_spacing = 1.15
                    for r in p.runs:
                        set_font(r, BODY_FONT, TABLE_PT)


def _grid_style(doc):
    try:
        return doc.styles["Table Grid"]
    except KeyError:
        return None


def closing_range(paragraphs) -> range:
    """Indices of the last paragraph of the text and the signature block after it.

    The signature block is the trailing run of ``Signature Block`` paragraphs (seal, agency,
    date); without one (an uploaded template), the last three non-empty paragraphs.
    """
    names = [p.style.name if p.style is not None else "" for p in paragraphs]
    filled = [i for i, p in enumerate(paragraphs) if p.text.strip() or _has_picture(p)]
    if not filled:
        return range(0)
    signature = [i for i in filled if names[i] == SIGNATURE]
    if signature:
        first = signature[0]
        before = [i for i in filled if i < first]
        start = before[-1] if before else first
        return range(start, signature[-1] + 1)
    return range(filled[max(0, len(filled) - 3)], filled[-1] + 1)


def _has_picture(paragraph) -> bool:
    return bool(paragraph._element.xpath(".//*[local-name()='blip']"))


def _keep_closing_together(doc) -> None:
    paragraphs = doc.paragraphs
    closing = closing_range(paragraphs)
    for i in list(closing)[:-1]:
        paragraphs[i].paragraph_format.keep_with_next = True
        paragraphs[i].paragraph_format.keep_together = True
