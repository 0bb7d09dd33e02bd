"""Field checks shared by the forms and the Excel imports of both registries.

Each function takes what a user typed (or what a spreadsheet cell held) and returns the
normalised value, or raises ``Invalid`` with the Chinese reason. Forms turn that into a
field error; imports into ``第<row>行 <column>: <reason>``.
"""

import re
from datetime import date, datetime
from functools import lru_cache
from operator import mul

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc


class Invalid(ValueError):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def text(value, *, max_length: int, required: bool = False) -> str:
    if type(value) is not str:
        if value is None:
            value = ""
        elif isinstance(value, float) and value.is_integer():
            value = str(int(value))  # a number typed into a text column, e.g. a licence number
        elif isinstance(value, date | datetime):
            raise Invalid("应为文本，不能是日期")
        else:
            value = str(value)
    value = value.strip()
    if not value:
        if required:
            raise Invalid("不能为空")
        return value
    if value[0] == "'":
        value = unescape_formula(value)
    if len(value) > max_length:
        raise Invalid(f"不能超过{max_length}个字符（当前{len(value)}个）")
    if _CONTROL.search(value):
        raise Invalid("含有不可见的控制字符")
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text_parser(max_length: int, *, required: bool = False):
    """``text`` with its limits bound once (an import calls it for every cell of a column)."""

    def parse(value) -> str:
        if type(value) is str:
            value = value.strip()
            if value and value[0] != "'" and len(value) <= max_length and not _CONTROL.search(value):
                return value
        return text(value, max_length=max_length, required=required)

    return parse


def unescape_formula(value: str) -> str:
    """Undo our own export escaping (a leading ' before = + - @), so an export re-imports as it was."""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


_STDNUM_REASONS = {
    stdnum_errors.InvalidLength: "应为18位",
    stdnum_errors.InvalidFormat: "含有不允许的字符",
    stdnum_errors.InvalidChecksum: "校验位错误",
    stdnum_errors.InvalidComponent: "出生日期或地区码无效",
}


def _stdnum_reason(error) -> str:
    for kind, reason in _STDNUM_REASONS.items():
        if isinstance(error, kind):
            return reason
    return "格式不正确"


# python-stdnum's cn.uscc / cn.ric checks, inlined: stdnum's generic ``clean()`` costs ~25 µs a
# number, a third of the whole per-row budget of a 50,000-row import. The accepted set is the
# same (tests compare with stdnum on random input); stdnum itself names the reason on failure.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(_USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_FORMAT = re.compile(r"[0-9]{8}[0-9A-HJ-NPQRTUWXY]{10}")


def _compact(value: str) -> str:
    if len(value) == 18 and value.isalnum():
        return value.upper()
    value = value.strip().upper()
    if " " in value or "-" in value:
        value = value.replace(" ", "").replace("-", "")
    return value


def credit_code(value) -> str:
    """统一社会信用代码 (GB 32100-2015): python-stdnum ``cn.uscc`` (length, alphabet, check digit)."""
    if isinstance(value, float | int):
        raise Invalid("应为18位文本（请将单元格设为文本格式）")
    code = _compact(value or "")
    if not code:
        raise Invalid("不能为空")
    if _USCC_FORMAT.fullmatch(code):
        total = sum(map(mul, map(_USCC_VALUE.__getitem__, code[:17]), _USCC_WEIGHTS))
        if code[17] == _USCC_ALPHABET[(31 - total) % 31]:
            return code
    try:
        uscc.validate(code)
    except stdnum_errors.ValidationError as e:
        raise Invalid(_stdnum_reason(e)) from None
    raise Invalid("格式不正确")  # pragma: no cover - the inlined check and stdnum agree


def id_number(value, *, required: bool = False) -> str:
    """居民身份证号 (GB 11643): python-stdnum ``cn.ric`` (length, digits, check digit, birth date,
    and a region code that existed in the birth year)."""
    if isinstance(value, float | int):
        # 18 digits do not fit a spreadsheet number: the last digits are already lost.
        raise Invalid("应以文本格式填写（数值格式会丢失末位数字）")
    number = _compact(value or "")
    if not number:
        if required:
            raise Invalid("不能为空")
        return ""
    if len(number) != 18:
        raise Invalid("应为18位")
    if not (number.isascii() and number[:17].isdigit() and (number[17].isdigit() or number[17] == "X")):
        raise Invalid("含有不允许的字符")
    check = (1 - 2 * int(number[:17], 13)) % 11
    if number[17] != ("X" if check == 10 else str(check)):
        raise Invalid("校验位错误")
    year = _birth_year(number[6:14])
    if year is None:
        raise Invalid("出生日期无效")
    if not _region_known(number[:6], year):
        raise Invalid("地区码无效")
    return number


@lru_cache(maxsize=65536)
def _birth_year(digits: str) -> int | None:
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).year
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _region_known(region: str, year: int) -> bool:
    # stdnum's region lookup reads its database on every call; a district's registers repeat
    # the same few region codes, so the answer is cached per (region, birth year).
    try:
        ric.get_birth_place(f"{region}{year:04d}01010000")
    except (stdnum_errors.ValidationError, KeyError):
        # KeyError: stdnum's table has some province/prefecture codes without a county entry,
        # and its lookup then fails instead of refusing; a resident ID needs a county code.
        return False
    return True


_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"(0\d{2,3}-?)?[1-9]\d{6,7}(-\d{1,6})?")
_SERVICE = re.compile(r"(400|800)-?\d{3}-?\d{4}")


def phone(value) -> str:
    """A mainland mobile, landline (022-84371234, optional extension) or 400/800 number."""
    if type(value) is str and len(value) == 11 and _MOBILE.fullmatch(value):
        return value  # the common case, without the clean-up below
    if isinstance(value, float) and value.is_integer():
        value = str(int(value))
    value = re.sub(r"[\s()（）]", "", str(value or "")).removeprefix("+86")
    if not value:
        return ""
    if _MOBILE.fullmatch(value) or _LANDLINE.fullmatch(value) or _SERVICE.fullmatch(value):
        return value
    raise Invalid("格式不正确（手机号11位，或座机如022-84371234）")


_DATE_TEXT = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DATE_CN = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def parse_date(value, *, required: bool = False) -> date | None:
    """An Excel date cell, or text as YYYY-MM-DD / YYYY/M/D (also YYYY年M月D日)."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        if not 1900 <= value.year <= 2100:
            raise Invalid("日期超出合理范围")
        return value
    if isinstance(value, bool | int | float):
        raise Invalid("应为日期单元格，或文本 YYYY-MM-DD / YYYY/M/D")
    value = (value or "").strip()
    if not value:
        if required:
            raise Invalid("不能为空")
        return None
    match = _DATE_TEXT.fullmatch(value) or _DATE_CN.fullmatch(value)
    if not match:
        raise Invalid(f"“{value[:20]}”不是日期，应为 YYYY-MM-DD 或 YYYY/M/D")
    try:
        parsed = date(*(int(g) for g in match.groups()))
    except ValueError:
        raise Invalid(f"“{value}”不是有效的日期") from None
    return parse_date(parsed)


def choice_parser(labels: dict[str, str], *, required: bool = True):
    """A parser for a choice given by its Chinese label (or its code). Unknown values are errors,
    never silent defaults; the message lists what is allowed."""
    lookup = {code: code for code in labels} | {label: code for code, label in labels.items()}
    options = "、".join(labels.values())

    def parse(value) -> str:
        if type(value) is str and value in lookup:
            return lookup[value]  # the common case: exactly a label from the drop-down
        value = text(value, max_length=60)
        if value in lookup:
            return lookup[value]
        if not value:
            if required:
                raise Invalid(f"不能为空（可选：{options}）")
            return ""
        raise Invalid(f"“{value}”不是可选值（可选：{options}）")

    return parse


def choice(value, labels: dict[str, str], *, required: bool = True) -> str:
    return choice_parser(labels, required=required)(value)


_CERTIFICATE_NUMBER = re.compile(r"[0-9A-Za-z\u4e00-\u9fff\-]{4,40}")


def certificate_number(value) -> str:
    """执法证号: 4–40 letters, digits, Chinese characters or '-' (it becomes part of a public URL)."""
    if isinstance(value, float) and value.is_integer():
        value = str(int(value))
    value = str(value or "").strip()
    if not value:
        raise Invalid("不能为空")
    if not _CERTIFICATE_NUMBER.fullmatch(value):
        raise Invalid("应为4至40位字母、数字、汉字或“-”")
    return value.upper()
