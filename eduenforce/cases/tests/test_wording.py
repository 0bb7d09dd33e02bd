"""The sentence builders of the case documents, for every party kind and way the facts are typed."""

import pytest

from eduenforce.cases import wording
from eduenforce.cases.choices import PartyKind


@pytest.mark.parametrize(("kind", "expected"), [(PartyKind.PERSON, "你"), (PartyKind.ORGANISATION, "你单位")])
def test_the_party_is_addressed_as_you_or_your_institution_by_its_kind(kind, expected):
    assert wording.you(kind) == expected
    assert wording.addressed("责令你（单位）改正", kind) == f"责令{expected}改正"


@pytest.mark.parametrize(
    "typed",
    [
        "该机构违规预收费用12万元",
        "经调查，该机构违规预收费用12万元。",
        "经查，该机构违规预收费用12万元",
        "经查明：该机构违规预收费用12万元。",
        "经本机关调查，经查，该机构违规预收费用12万元。",
    ],
)
def test_the_facts_open_with_one_jing_cha_however_the_investigator_typed_them(typed):
    assert wording.findings(typed) == "经查，该机构违规预收费用12万元。"
    assert wording.findings(typed, opening="") == "该机构违规预收费用12万元。"


def test_empty_facts_give_no_opening():
    assert wording.findings("") == ""


@pytest.mark.parametrize(
    ("basis", "expected"),
    [
        (
            "《校外培训行政处罚暂行办法》第二十二条（第一项应当从重）",
            "《校外培训行政处罚暂行办法》第二十二条",
        ),
        (
            "《校外培训行政处罚暂行办法》第二十一条（第一、二项应当从重）",
            "《校外培训行政处罚暂行办法》第二十一条",
        ),
        ("《中华人民共和国民办教育促进法》第六十二条", "《中华人民共和国民办教育促进法》第六十二条"),
    ],
)
def test_catalogue_notes_never_leak_into_the_legal_basis(basis, expected):
    assert wording.legal_basis(basis) == expected


def test_chinese_dates_have_no_zero_padding():
    from datetime import date

    from eduenforce.core.documents import cn_date

    assert cn_date(date(2025, 3, 5)) == "2025年3月5日"
    assert cn_date(None) == ""
