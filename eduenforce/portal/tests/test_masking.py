"""The one masking function: what it removes, what it must leave alone."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eduenforce.portal.masking import REDACTED, mask_person_name, mask_public, redact_text

pytestmark = pytest.mark.django_db

ID18 = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def id_number(region: int, born: str, seq: int) -> str:
    body = f"{region:06d}{born}{seq:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def luhn_card(prefix: str, length: int) -> str:
    digits = prefix + "0" * (length - len(prefix) - 1)
    for check in "0123456789":
        total = 0
        for i, ch in enumerate(reversed(digits + check)):
            n = int(ch) * (2 if i % 2 else 1)
            total += n - 9 if n > 9 else n
        if total % 10 == 0:
            return digits + check
    raise AssertionError


def test_a_penalised_individual_appears_as_surname_and_mou():
    assert mask_person_name("张三丰") == "张某"
    assert mask_person_name("欧阳明") == "欧阳某"
    assert redact_text("当事人张三丰经营", names_to_mask=["张三丰"]) == "当事人张某经营"


def test_other_natural_persons_named_by_the_caller_are_removed():
    assert redact_text("证明材料由王小红提供", names_to_remove=["王小红"]) == "证明材料由有关人员提供"


def test_witnesses_and_complainants_are_removed_even_when_nobody_named_them():
    out = redact_text("证人王小明称，举报人：李四反映，投诉人</th><td>赵六")
    assert "王小明" not in out and "李四" not in out and "赵六" not in out
    assert out.count("（姓名已隐去）") == 3


def test_an_already_masked_name_is_left_as_it_is():
    assert redact_text("证人张某称") == "证人张某称"


@pytest.mark.parametrize(
    "text",
    [
        "身份证号120110199001011234。",
        "旧证号120110900101123，",
        "手机13812345678",
        "手机 +86 138-1234-5678",
        "电话022-84371234",
        "电话(022)84371234",
        "卡号 6222 0212 3456 7890",
        "银行账号：6222021234567890123",
        "对公账户 1202 0201 0900 0012 345",
        "邮箱 zhang.san@example.com",
        "车牌津A12345",
        "家庭住址：天津市东丽区幸福里3号",
    ],
)
def test_identifiers_contacts_accounts_and_addresses_are_removed(text):
    out = redact_text(text)
    assert REDACTED in out, out
    assert not re.search(r"\d{7,}|@|幸福里|津A1", out), out


def test_health_information_is_removed():
    assert "抑郁" not in redact_text("该生患有抑郁症，")


@pytest.mark.parametrize(
    "text",
    [
        "统一社会信用代码 52120110MJ0000000X",
        "代码 121201104013600631",
        "SM3 ab13812345678cd0123456789abcdef",
        "种子 1234567890123456789abc",
        "2025-03-04 罚款 5000 元",
        "东教罚决〔2025〕12号",
        "执法证号 12011020250001",
    ],
)
def test_public_identifiers_hashes_and_dates_are_left_alone(text):
    assert redact_text(text) == text


def test_a_field_labelled_as_personal_data_is_withheld_whatever_its_value():
    out = mask_public(
        {"家庭住址": "东丽区某路", "联系电话": "见附件", "单位名称": "某培训学校", "nested": [{"phone": "x"}]}
    )
    assert out == {
        "家庭住址": REDACTED,
        "联系电话": REDACTED,
        "单位名称": "某培训学校",
        "nested": [{"phone": REDACTED}],
    }


def test_the_bureaus_own_public_contact_number_can_be_allowed(sys_admin):
    from eduenforce.core import config

    config.set_value("masking.public_contacts", "022-84370000", by=None)
    assert (
        redact_text("监督电话022-84370000，举报人电话022-84371234")
        == "监督电话022-84370000，举报人电话" + REDACTED
    )


def test_masking_twice_changes_nothing_more():
    once = mask_public("证人王小明，身份证120110199001011234，手机13812345678")
    assert mask_public(once) == once


_regions = st.sampled_from([110101, 120110, 120101, 130102, 310104, 440305])
_births = st.dates(
    min_value=__import__("datetime").date(1940, 1, 1), max_value=__import__("datetime").date(2020, 12, 31)
).map(lambda d: d.strftime("%Y%m%d"))
_filler = st.text(alphabet="教育培训机构违规办学整改，。：、 ", min_size=0, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    region=_regions,
    born=_births,
    seq=st.integers(0, 999),
    mobile=st.integers(13000000000, 19999999999),
    card_prefix=st.sampled_from(["6222", "6217", "4367", "6228"]),
    card_len=st.sampled_from([16, 19]),
    before=_filler,
    after=_filler,
)
def test_no_generated_identifier_survives_masking(
    region, born, seq, mobile, card_prefix, card_len, before, after
):
    number = id_number(region, born, seq)
    card = luhn_card(card_prefix, card_len)
    text = f"{before}身份证{number}{after}联系电话{mobile}{before}卡号{card}{after}"
    out = mask_public(text)
    assert number not in out and str(mobile) not in out and card not in out
    assert not ID18.search(out) and not MOBILE.search(out)
