"""Pinyin initials for search agree with pypinyin, including polyphonic characters in phrases."""

import pytest
from pypinyin import Style, lazy_pinyin

from eduenforce.registry.pinyin import initials

NAMES = [
    "天津市东丽区新东方英语培训学校有限公司",
    "东丽区音乐艺术培训中心",
    "长春路幼儿园",
    "重庆银行培训部",
    "东丽区第一中学",
    "东丽湖街道华明幼儿园",
    "行知学校",
    "乐学堂",
    "天津市东丽区军粮城第二小学",
    "校长培训中心",
]


@pytest.mark.parametrize("name", NAMES)
def test_initials_match_pypinyin_for_school_names(name):
    expected = "".join(p[0].upper() for p in lazy_pinyin(name, style=Style.FIRST_LETTER) if p)
    assert initials(name) == expected


def test_letters_and_digits_are_kept_and_punctuation_dropped():
    assert initials("ABC少儿英语（2号店）") == "ABCSEYY2HD"


@pytest.mark.django_db
def test_saving_an_institution_stores_its_initials():
    from eduenforce.registry.tests.factories import InstitutionFactory

    institution = InstitutionFactory(name="东丽区音乐培训中心")
    assert institution.name_initials == "DLQYYPXZX"
