"""The one masking function every public page, feed and API response uses.

个人信息保护 in disclosure (security-requirements.md row 33): natural persons other than the
penalised party are removed; a penalised individual appears as surname + 某; ID numbers,
phone numbers, bank accounts, home addresses and health information never appear.
"""

import re

from eduenforce.core import config

# 18-digit resident ID (last char may be X) and the old 15-digit form.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
# Mainland mobile numbers, optionally +86 / 86 prefixed, with or without separators.
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
# Landlines such as 022-84371234 or (022)84371234.
_LANDLINE = re.compile(r"(?<!\d)(?:\(?0\d{2,3}\)?[- ]?)\d{7,8}(?!\d)")
# Bank cards: 16–19 digits, possibly grouped by 4.
_BANK_CARD = re.compile(r"(?<!\d)(?:\d{4}[ -]?){3}\d{4,7}(?!\d)")
REDACTED = "[已隐去]"


def mask_person_name(name: str) -> str:
    """张三 → 张某; a compound surname (欧阳) keeps both characters."""
    name = (name or "").strip()
    if not name:
        return ""
    suffix = config.get("masking.person_suffix")
    surname = name[:2] if name[:2] in _COMPOUND_SURNAMES else name[:1]
    return surname + suffix


def redact_text(text: str, *, names_to_remove=(), names_to_mask=()) -> str:
    """Remove identifiers from free text; remove or mask the named natural persons."""
    if not text:
        return ""
    out = _ID_NUMBER.sub(REDACTED, text)
    out = _BANK_CARD.sub(REDACTED, out)
    out = _MOBILE.sub(REDACTED, out)
    out = _LANDLINE.sub(REDACTED, out)
    for name in sorted({n for n in names_to_mask if n}, key=len, reverse=True):
        out = out.replace(name, mask_person_name(name))
    for name in sorted({n for n in names_to_remove if n}, key=len, reverse=True):
        out = out.replace(name, "有关人员")
    return out


_COMPOUND_SURNAMES = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐",
    "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "万俟", "闻人", "申屠",
}
