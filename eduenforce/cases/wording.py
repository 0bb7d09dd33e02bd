"""Sentence builders of the case documents, so that no 文书 reads "经查，经调查" or "你（单位）".

Each builder takes what varies (the party kind, the investigator's own wording) and returns a
finished phrase; ``cases.documents`` puts them in the template context. Pure functions: no
Django imports, tested for every combination in ``tests/test_wording.py``.
"""

import re

from eduenforce.cases.choices import PartyKind

# Openings an investigator may already have typed before the facts.
_FINDING_OPENINGS = re.compile(r"^\s*(经(本机关)?(依法)?(调查|查明|查实|核查|查)[，,：:]?\s*)+")
# Catalogue notes in legal-basis text: "第二十二条（第一项应当从重）", "（从轻）", "（依据确认度…）".
_CATALOGUE_NOTE = re.compile(r"[（(][^（）()]*(应当|可以)?(从重|从轻|减轻|不予|确认|待核)[^（）()]*[）)]")


def you(party_kind: str) -> str:
    """你 for a natural person, 你单位 for an institution or other organisation."""
    return "你" if party_kind == PartyKind.PERSON else "你单位"


def findings(text: str, *, opening: str = "经查，") -> str:
    """``opening`` + the facts, dropping an opening the facts already carry, ending in 。."""
    body = _FINDING_OPENINGS.sub("", (text or "").strip())
    if not body:
        return ""
    if body[-1] not in "。！？；":
        body += "。"
    return f"{opening}{body}"


def legal_basis(text: str) -> str:
    """The legal basis as cited in a document: catalogue notes removed, whitespace tidied."""
    cleaned = _CATALOGUE_NOTE.sub("", text or "")
    return re.sub(r"\s+", "", cleaned).strip("，,；;。")


def addressed(text: str, party_kind: str) -> str:
    """Replace the template placeholder 你（单位） with the right form for the party."""
    return (text or "").replace("你（单位）", you(party_kind))
