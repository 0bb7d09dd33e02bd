"""Property tests (hypothesis) of the masking: it never changes an identifier, and it always
removes ID numbers, mobiles, 住所/地址 addresses, dates of birth and QQ/WeChat ids."""

from datetime import date

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eduenforce.api.serialise import publication_dict
from eduenforce.portal.masking import REDACTED, mask_public
from eduenforce.portal.models import Publication

pytestmark = pytest.mark.django_db
SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Filler: Chinese text with no surname characters and no digits, so a planted value has clean edges.
FILLER = st.text(
    alphabet="的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动",
    min_size=0,
    max_size=12,
)
HEX_ID = st.from_regex(r"\A[0-9a-f]{16}\Z") | st.from_regex(r"\A[0-9]{16}\Z")
DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=1)


def _check_digit(body: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


@st.composite
def id_numbers(draw):
    region = draw(st.from_regex(r"\A[1-9][0-9]{5}\Z"))
    born = draw(st.dates(min_value=date(1930, 1, 1), max_value=date(2024, 12, 31)))
    sequence = draw(st.from_regex(r"\A[0-9]{3}\Z"))
    body = f"{region}{born:%Y%m%d}{sequence}"
    return body + _check_digit(body)


MOBILES = st.from_regex(r"\A1[3-9][0-9]{9}\Z")
ADDRESS_WORDS = st.sampled_from(["住所", "住所地", "地址", "住址", "家庭住址", "现住址", "户籍地"])
ADDRESSES = st.from_regex(
    r"\A[东西南北丽华明金桥幸福里苑园][东西南北丽华明金桥幸福里苑园0-9号楼门室栋]{3,20}\Z"
)
BIRTH_WORDS = st.sampled_from(["出生日期：", "出生日期", "出生于", "生于"])
QQ = st.from_regex(r"\A[1-9][0-9]{5,10}\Z")
WECHAT = st.from_regex(r"\A[a-zA-Z][-_a-zA-Z0-9]{5,15}\Z")


@SETTINGS
@given(public_id=HEX_ID, before=FILLER, after=FILLER)
def test_masking_never_changes_a_kept_identifier_in_content(public_id, before, after):
    text = f"{before}公开编号{public_id}{after}"
    assert public_id in mask_public(text, keep={public_id})


@SETTINGS
@given(public_id=HEX_ID, number=st.from_regex(r"\A[0-9]{16,19}\Z"), code=st.from_regex(r"\A[0-9A-Z]{18}\Z"))
def test_identifiers_reach_the_open_data_unchanged(public_id, number, code):
    publication = Publication(
        public_id=public_id,
        kind="decision",
        title=f"行政处罚决定（{public_id}）",
        fields={"decision_number": number, "credit_code": code, "violation_code": number[:6]},
        year=2025,
        occurred_on=date(2025, 6, 2),
        published_at=timezone.now(),
        state="published",
    )
    data = publication_dict(publication, lambda path: f"https://example.org{path}")
    assert data["public_id"] == public_id and public_id in data["title"]
    assert data["url"] == f"https://example.org/portal/p/{public_id}/"
    assert data["fields"]["decision_number"] == number and data["fields"]["credit_code"] == code


@SETTINGS
@given(
    secret=id_numbers(),
    before=FILLER,
    after=FILLER,
    word=st.sampled_from(["身份证号", "身份证号码：", "", "证件号"]),
)
def test_id_numbers_are_always_removed(secret, before, after, word):
    assert secret not in mask_public(f"{before}{word}{secret}{after}")


@SETTINGS
@given(secret=MOBILES, before=FILLER, after=FILLER, word=st.sampled_from(["手机", "电话：", "联系方式", ""]))
def test_mobiles_are_always_removed(secret, before, after, word):
    assert secret not in mask_public(f"{before}{word}{secret}{after}")


@SETTINGS
@given(word=ADDRESS_WORDS, address=ADDRESSES, before=FILLER, gap=st.sampled_from(["", "：", ":", " "]))
def test_addresses_after_the_words_that_introduce_them_are_always_removed(word, address, before, gap):
    out = mask_public(f"{before}当事人{word}{gap}天津市{address}。")
    assert address not in out and REDACTED in out


@SETTINGS
@given(
    word=BIRTH_WORDS,
    born=st.dates(min_value=date(1930, 1, 1), max_value=date(2024, 12, 31)),
    style=st.sampled_from(["%Y年%m月%d日", "%Y-%m-%d", "%Y.%m.%d", "%Y%m%d"]),
    before=FILLER,
)
def test_dates_of_birth_are_always_removed(word, born, style, before):
    text = born.strftime(style)
    assert text not in mask_public(f"{before}{word}{text}，")


@SETTINGS
@given(qq=QQ, wechat=WECHAT, before=FILLER, gap=st.sampled_from(["", "：", ":", " "]))
def test_qq_numbers_and_wechat_ids_are_always_removed(qq, wechat, before, gap):
    out = mask_public(f"{before}QQ{gap}{qq}，微信号{gap}{wechat}。")
    assert qq not in out and wechat not in out


def test_third_parties_named_without_a_role_word_are_removed():
    text = "家长李建华反映，其女儿王可可（12岁）在该机构学习，学生刘洋证实。"
    out = mask_public(text)
    assert "李建华" not in out and "王可可" not in out and "刘洋" not in out
    assert "（12岁）" in out  # the age stays: it names nobody


def test_the_platforms_fixed_text_is_not_mangled():
    text = "自然人姓名、身份证号、电话、住址、银行账号、健康信息等依法隐去。"
    assert mask_public(text) == text
