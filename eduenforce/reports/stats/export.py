"""Excel export of the statistics (openpyxl), safe against formula injection.

Every text cell that starts with ``= + - @`` or a tab/CR/NUL is prefixed with ``'`` so a
spreadsheet shows it as text and never evaluates it (ASVS 1.2.10; security row 38);
numbers stay numeric.
"""

import io

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")


def safe_cell(value):
    """Numbers as numbers; text that could be read as a formula, escaped."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


def _sheet(wb, title: str, header: list[str], rows) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(title)
    ws.append([safe_cell(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    for column, width in zip("ABCDE", (18, 40, 12, 50, 20), strict=False):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":  # never let a formula through, whatever the source
                cell.value = "'" + str(cell.value)


def statistics_workbook(year: int, figures: dict, table: list[dict]) -> bytes:
    """Two sheets: the §8 statistical table, and every named figure with its meaning."""
    from openpyxl import Workbook

    from eduenforce.reports.stats.labels import FIGURE_LABELS

    wb = Workbook()
    wb.remove(wb.active)
    _sheet(
        wb,
        f"{year}年度行政执法统计表",
        ["类别", "项目", "数量", "说明"],
        ([r["category"], r["item"], r["value"], r["note"]] for r in table),
    )
    _sheet(
        wb,
        "统计指标",
        ["指标代码", "指标", "数值", "统计口径"],
        (
            [key, FIGURE_LABELS.get(key, (key, ""))[0], value, FIGURE_LABELS.get(key, (key, ""))[1]]
            for key, value in figures.items()
        ),
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
