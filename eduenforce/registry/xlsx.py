"""Reading and writing the registries' Excel files.

Reading goes through python-calamine (Rust; ~20× openpyxl) after cheap checks that make a
bad upload fail fast with a clear message instead of a 500 or a hang: size, zip signature,
declared uncompressed size (zip bombs), that it is a workbook at all, and the row count.
Writing (templates and exports) goes through openpyxl; every text cell is escaped against
formula injection (ASVS 1.2.10).
"""

import io
import zipfile
from datetime import date, datetime

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from eduenforce.core.errors import DomainError

MAX_BYTES = 16 * 1024 * 1024
MAX_UNCOMPRESSED = 400 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_ROWS = 100_000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class FileProblem(DomainError):
    """The file as a whole cannot be imported (not a row's problem)."""

    def __init__(self, message: str):
        super().__init__(message, field="file")


def read_bytes(source) -> bytes:
    """The file's bytes from a path, an uploaded file or bytes, refusing anything too big."""
    if isinstance(source, bytes):
        data = source
    elif hasattr(source, "read"):
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(MAX_BYTES + 1)
    else:
        with open(source, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    if not data:
        raise FileProblem("文件为空")
    if len(data) > MAX_BYTES:
        raise FileProblem(f"文件过大（上限 {MAX_BYTES // (1024 * 1024)} MB），请分批导入")
    return data


def _check_container(data: bytes) -> None:
    if data[:4] != b"PK\x03\x04":
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise FileProblem("这是旧版 .xls 文件或已加密的文件，请在 Excel 中另存为 .xlsx 后再导入")
        raise FileProblem("文件不是 Excel .xlsx 格式，请使用下载的模板填写")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileProblem("文件已损坏，无法作为 .xlsx 打开") from None
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNCOMPRESSED:
        raise FileProblem("文件解压后过大，不是正常的表格文件")
    if "xl/workbook.xml" not in {e.filename for e in entries}:
        raise FileProblem("文件不是 Excel 工作簿（可能是其他格式的压缩文件）")


def read_rows(data: bytes, headers: list[str]) -> list[tuple[int, list]]:
    """The data rows of the first sheet as ``(excel row number, cells)``, after checking the header.

    Rows that are entirely empty are skipped; each row is padded or cut to ``len(headers)``.
    """
    from python_calamine import CalamineError, CalamineWorkbook

    _check_container(data)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        if sheet.total_height > MAX_ROWS + 1:
            raise FileProblem(f"数据行数超过上限（最多 {MAX_ROWS} 行），请分批导入")
        rows = sheet.to_python(skip_empty_area=False)
    except CalamineError:
        raise FileProblem("无法读取文件内容，文件可能已损坏") from None
    except (ValueError, OverflowError, RuntimeError):
        raise FileProblem("无法读取文件内容，文件可能已损坏") from None
    if not rows:
        raise FileProblem("表格为空：第一个工作表没有内容")
    _check_headers(rows[0], headers)
    width = len(headers)
    out = []
    for index in range(1, len(rows)):
        cells = rows[index]
        if len(cells) != width:
            cells = (list(cells) + [""] * width)[:width]
        for cell in cells:
            if cell != "" and cell is not None:
                out.append((index + 1, cells))
                break
    if not out:
        raise FileProblem("表格中没有数据行（第1行为表头，数据从第2行开始）")
    if len(out) > MAX_ROWS:
        raise FileProblem(f"数据行数超过上限（最多 {MAX_ROWS} 行），请分批导入")
    return out


def _check_headers(row: list, headers: list[str]) -> None:
    found = [str(c).strip() if c is not None else "" for c in row]
    for position, expected in enumerate(headers):
        actual = found[position] if position < len(found) else ""
        if actual != expected:
            column = _column_letter(position)
            raise FileProblem(
                f"表头不符：第{column}列应为“{expected}”，实际为“{actual or '（空）'}”。"
                f"请使用下载的模板，列顺序为：{'、'.join(headers)}"
            )
    extra = [c for c in found[len(headers) :] if c]
    if extra:
        raise FileProblem(f"表头含有模板以外的列：{'、'.join(extra[:5])}")


def _column_letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- writing ---------------------------------------------------------------------------

_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\0")


def escape_cell(value):
    """A value safe to put in a cell: text that a spreadsheet would run as a formula gets a
    leading apostrophe; characters XML cannot hold are dropped. Numbers and dates stay as they are."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        if value.startswith(_DANGEROUS_START):
            value = "'" + value
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def workbook_bytes(headers: list[str], rows, *, title: str, widths: dict[int, int] | None = None) -> bytes:
    """An .xlsx of ``rows`` under Chinese ``headers`` (write-only: memory stays flat for big exports)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for position, width in (widths or {}).items():
        sheet.column_dimensions[_column_letter(position)].width = width
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_typed(sheet, escape_cell(v)) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _typed(sheet, value):
    if isinstance(value, date) and not isinstance(value, datetime):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def template_bytes(
    headers: list[str],
    *,
    title: str,
    text_columns=(),
    choices: dict[int, list[str]] | None = None,
    notes: list[tuple[str, str]] = (),
    example: list | None = None,
) -> bytes:
    """A blank import template: the header row, text-formatted code columns, drop-down lists
    for the enumerated columns, and a second sheet explaining each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(headers)
    for position, _header in enumerate(headers):
        letter = _column_letter(position)
        sheet.column_dimensions[letter].width = 22
        cell = sheet[f"{letter}1"]
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for position in text_columns:
        letter = _column_letter(position)
        for row in range(2, 1002):
            sheet[f"{letter}{row}"].number_format = "@"
    for position, values in (choices or {}).items():
        letter = _column_letter(position)
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(values) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="不是可选值",
            error="请从下拉列表中选择",
        )
        validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("填写说明")
    guide.append(["列名", "说明"])
    for name, note in notes:
        guide.append([name, note])
    if example:
        guide.append([])
        guide.append(["示例（请勿填入本页）"])
        guide.append(headers)
        guide.append(example)
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
