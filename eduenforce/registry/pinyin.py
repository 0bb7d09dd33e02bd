"""Pinyin initials of a name (东丽区英语培训学校 → DLQYYPXXX), for search by 拼音首字母.

pypinyin's own ``lazy_pinyin`` costs ~80 µs a name, which alone would take 4 s of a 50,000-row
import. This uses pypinyin's data (its phrase dictionary and per-character readings) with the
same forward-maximum-matching idea as its default segmenter, at a few µs a name: phrases decide
polyphonic characters (学校 → XX, 音乐 → YY, 银行 → YH); other characters take their first
(most common) reading. Letters and digits are kept in upper case; everything else is dropped.
"""

import unicodedata
from functools import lru_cache

_MAX_PHRASE = 5  # longer dictionary phrases are rare and never change a school name's initials


def _first_letter(reading: str) -> str:
    # "ài" → "a": the decomposed form puts the tone mark after the base letter.
    return unicodedata.normalize("NFD", reading)[:1].upper()


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[int, ...]]]:
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    chars = {chr(code): _first_letter(readings.split(",")[0]) for code, readings in pinyin_dict.items()}
    phrases = {
        phrase: "".join(_first_letter(r[0]) for r in readings)
        for phrase, readings in phrases_dict.items()
        if 1 < len(phrase) <= _MAX_PHRASE
    }
    # Phrase lengths by their first two characters, longest first: most positions of a name
    # start no phrase at all and cost one dictionary miss.
    lengths: dict[str, set[int]] = {}
    for phrase in phrases:
        lengths.setdefault(phrase[:2], set()).add(len(phrase))
    return chars, phrases, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}


def initials(name: str) -> str:
    """The upper-case pinyin initials of ``name``; ASCII letters and digits kept as they are."""
    chars, phrases, lengths = _tables()
    out: list[str] = []
    i, n = 0, len(name or "")
    while i < n:
        matched = False
        for length in lengths.get(name[i : i + 2], ()):
            found = i + length <= n and phrases.get(name[i : i + length])
            if found:
                out.append(found)
                i += length
                matched = True
                break
        if not matched:
            ch = name[i]
            if ch in chars:
                out.append(chars[ch])
            elif ch.isascii() and ch.isalnum():
                out.append(ch.upper())
            i += 1
    return "".join(out)
