"""Reading a year's holidays and make-up workdays from what an administrator pastes or uploads.

Two shapes are understood, line by line (and may be mixed):

- a table: ``日期,类型,名称`` (comma, tab or spaces; the header is optional) where the date is
  ``2027-01-01`` / ``2027/1/1`` / ``2027年1月1日`` / ``1月1日``, a range ``…至…`` / ``…~…``, and the
  type is 休/放假/holiday or 班/上班/workday;
- the State Council's notice, pasted as published: ``一、元旦：1月1日（周五）至3日（周日）放假调休，
  共3天。`` ``…2月14日（周日）、2月20日（周六）上班。``

Every problem of every line is reported (line number and text), nothing is entered until the
whole paste reads cleanly.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from eduenforce.core.choices import DayKind

HOLIDAY_WORDS = ("放假", "休息", "休", "holiday", "假")
WORKDAY_WORDS = ("上班", "调休上班", "班", "workday", "工作日")
_DATE = r"(?:(?P<{p}y>\d{{4}})\s*(?:年|-|/|\.)\s*)?(?P<{p}m>\d{{1,2}})\s*(?:月|-|/|\.)\s*(?P<{p}d>\d{{1,2}})\s*日?"
_WEEKDAY = r"(?:\s*[（(][^）)]{0,20}[)）])?"  # （周五）, （农历腊月二十八、周日）
_RANGE = re.compile(
    _DATE.format(p="a")
    + _WEEKDAY
    + r"(?:\s*(?:至|到|~|～|—|–|-{1,2})\s*(?:(?P<by>\d{4})\s*(?:年|-|/)\s*)?(?:(?P<bm>\d{1,2})\s*(?:月|-|/)\s*)?(?P<bd>\d{1,2})\s*日?"
    + _WEEKDAY
    + r")?"
)
_NOTICE_NAME = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]\s*)?(?P<name>[^：:，,]{1,12})[：:]")


@dataclass
class Parsed:
    days: list[tuple[date, str, str]] = field(default_factory=list)  # (date, kind, name)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.days) and not self.errors


def _kind_of(word: str) -> str | None:
    word = word.strip().lower()
    if word in WORKDAY_WORDS:
        return DayKind.WORKDAY
    if word in HOLIDAY_WORDS:
        return DayKind.HOLIDAY
    return None


def _dates(match: re.Match, year: int) -> list[date]:
    start = date(int(match["ay"] or year), int(match["am"]), int(match["ad"]))
    if match["bd"] is None:
        return [start]
    end = date(int(match["by"] or start.year), int(match["bm"] or start.month), int(match["bd"]))
    if end < start:
        raise ValueError("结束日期早于开始日期")
    if (end - start).days > 31:
        raise ValueError("一段假期不应超过31天")
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _notice_line(line: str, year: int) -> list[tuple[date, str, str]] | None:
    """A clause of the State Council's notice, or None if the line is not one."""
    if "放假" not in line and "上班" not in line:
        return None
    named = _NOTICE_NAME.match(line)
    name = named["name"].strip() if named else ""
    out: list[tuple[date, str, str]] = []
    for sentence in re.split(r"[。；;]", line):
        for part in re.split(r"[，,]", sentence):
            kind = None
            if "上班" in part:
                kind = DayKind.WORKDAY
            elif "放假" in part:
                kind = DayKind.HOLIDAY
            if kind is None:
                continue
            for match in _RANGE.finditer(part):
                out += [(day, kind, name) for day in _dates(match, year)]
    return out


def _table_row(cells: list[str], year: int) -> list[tuple[date, str, str]]:
    cells = [c.strip() for c in cells if c.strip()]
    if len(cells) < 2:
        raise ValueError("每行应写“日期 类型 名称”，类型为“休”或“班”")
    match = _RANGE.fullmatch(cells[0])
    if match is None:
        raise ValueError(f"无法识别日期“{cells[0]}”")
    kind = _kind_of(cells[1])
    if kind is None:
        raise ValueError(f"类型“{cells[1]}”应为“休”（放假）或“班”（上班）")
    name = " ".join(cells[2:])[:40]
    return [(day, kind, name) for day in _dates(match, year)]


def _cells(line: str) -> list[str]:
    if "," in line or "\t" in line or "，" in line:
        return next(csv.reader([line.replace("，", ",").replace("\t", ",")]))
    parts = re.split(r"\s+", line.strip())
    # A range written with spaces ("1月1日 至 1月3日") is one date cell.
    while len(parts) > 2 and parts[1] in ("至", "到", "~", "～", "—", "-"):
        parts = [f"{parts[0]}至{parts[2]}", *parts[3:]]
    return parts


def parse(text: str, year: int) -> Parsed:
    """Every day the text names for ``year`` (a date of another year is an error)."""
    result = Parsed()
    seen: dict[date, int] = {}
    lines = [raw.strip().lstrip("\ufeff") for raw in io.StringIO(text or "")]
    notice = any(line and not line[0].isdigit() and ("放假" in line or "上班" in line) for line in lines)
    for number, line in enumerate(lines, start=1):
        if not line or line.startswith("#") or line.startswith("日期"):
            continue
        try:
            if line[0].isdigit():  # a table row starts with its date
                cells = _cells(line)
                if notice and len(cells) == 1:
                    continue  # the notice's own date, under its signature
                rows = _table_row(cells, year)
            else:  # a clause of the notice; its other sentences (and its signature) are prose
                rows = _notice_line(line, year) or []
        except ValueError as error:
            message = str(error)
            if "day is out of range" in message or "month must be" in message:
                message = "日期不存在"
            result.errors.append(f"第 {number} 行“{line[:40]}”：{message}")
            continue
        for day, kind, name in rows:
            if day.year != year:
                result.errors.append(f"第 {number} 行：{day} 不在 {year} 年")
            elif day in seen:
                result.errors.append(f"第 {number} 行：{day} 已在第 {seen[day]} 行填写")
            else:
                seen[day] = number
                result.days.append((day, kind, name))
    if not result.days and not result.errors:
        result.errors.append("没有填写任何日期")
    result.days.sort()
    return result
