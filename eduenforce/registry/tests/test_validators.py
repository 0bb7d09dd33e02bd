"""Every field check the forms and imports share, with its Chinese reason."""

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from eduenforce.registry import validators as v
from eduenforce.registry.tests.factories import credit_code, id_number


def reason(check, value, **kwargs) -> str:
    with pytest.raises(v.Invalid) as caught:
        check(value, **kwargs)
    return caught.value.reason


def test_a_valid_credit_code_is_accepted_and_normalised_to_upper_case():
    code = credit_code(123)
    assert v.credit_code(f" {code.lower()} ") == code
    assert v.credit_code("91110000600037341L") == "91110000600037341L"


def test_a_credit_code_with_a_wrong_check_digit_is_refused():
    code = credit_code(123)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert reason(v.credit_code, wrong) == "校验位错误"


def test_a_credit_code_of_the_wrong_length_or_alphabet_is_refused():
    assert reason(v.credit_code, "12345") == "应为18位"
    assert reason(v.credit_code, "A1110000600037341L") == "含有不允许的字符"
    assert reason(v.credit_code, "") == "不能为空"


def test_a_credit_code_typed_as_a_number_is_refused_with_a_hint():
    assert "文本格式" in reason(v.credit_code, 911100006000373.0)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZ -", min_size=0, max_size=20))
def test_the_inlined_credit_code_check_agrees_with_python_stdnum(text):
    try:
        v.credit_code(text)
        ours = True
    except v.Invalid:
        ours = False
    assert ours == uscc.is_valid(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9 - 1))
def test_every_generated_credit_code_with_its_stdnum_check_digit_is_accepted(n):
    assert v.credit_code(credit_code(n)) == credit_code(n)


def test_a_valid_id_number_is_accepted_and_its_x_upper_cased():
    number = id_number(5)
    assert v.id_number(number) == number
    base = "11010519491231002"
    with_x = base + ric.calc_check_digit(base + "0")
    assert v.id_number(with_x.lower()) == with_x


def test_id_numbers_with_wrong_checksum_birth_date_or_region_are_refused():
    good = id_number(5)
    wrong_check = good[:-1] + ("1" if good[-1] != "1" else "2")
    assert reason(v.id_number, wrong_check) == "校验位错误"
    bad_date = "12011019801301" + "001"
    assert reason(v.id_number, bad_date + ric.calc_check_digit(bad_date + "0")) == "出生日期无效"
    bad_region = "99999919800101001"
    assert reason(v.id_number, bad_region + ric.calc_check_digit(bad_region + "0")) == "地区码无效"
    assert reason(v.id_number, "1201101980") == "应为18位"


def test_an_id_number_in_a_number_cell_is_refused_because_digits_are_lost():
    assert "数值格式" in reason(v.id_number, 120110198001010011.0)


def _stdnum_accepts(text: str) -> bool:
    try:
        return ric.is_valid(text)
    except KeyError:  # stdnum's region table lacks a county for some codes and its lookup crashes
        return False


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789Xx", min_size=17, max_size=19))
def test_the_inlined_id_check_agrees_with_python_stdnum(text):
    try:
        v.id_number(text)
        ours = True
    except v.Invalid:
        ours = False
    assert ours == _stdnum_accepts(text)


def test_a_region_code_without_a_county_is_refused_not_a_crash():
    base = "11030019800101001"  # stdnum has no county for this Beijing code and raises KeyError
    number = base + ric.calc_check_digit(base + "0")
    with pytest.raises(KeyError):
        ric.is_valid(number)
    assert reason(v.id_number, number) == "地区码无效"


@pytest.mark.parametrize(
    "value",
    [
        date(2025, 3, 9),
        datetime(2025, 3, 9, 0, 0),
        "2025-03-09",
        "2025/3/9",
        "2025-3-9",
        "2025年3月9日",
        " 2025/03/09 ",
    ],
)
def test_dates_are_read_from_excel_date_cells_and_from_text(value):
    assert v.parse_date(value) == date(2025, 3, 9)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-30", "“2025-02-30”不是有效的日期"),
        ("下个月", "“下个月”不是日期，应为 YYYY-MM-DD 或 YYYY/M/D"),
        (45000.0, "应为日期单元格，或文本 YYYY-MM-DD / YYYY/M/D"),
        ("1850-01-01", "日期超出合理范围"),
    ],
)
def test_dates_that_are_not_dates_are_refused(value, expected):
    assert reason(v.parse_date, value) == expected


def test_an_empty_date_is_none_unless_required():
    assert v.parse_date("") is None
    assert reason(v.parse_date, "", required=True) == "不能为空"


@pytest.mark.parametrize(
    "value",
    [
        "13800138000",
        "022-84371234",
        "02284371234",
        "84371234",
        "400-810-1234",
        "+86 138 0013 8000",
        13800138000.0,
        "022-84371234-802",
    ],
)
def test_mobile_and_landline_numbers_are_accepted(value):
    assert v.phone(value)


@pytest.mark.parametrize("value", ["12345", "138001380001", "电话", "1380013800a"])
def test_malformed_phone_numbers_are_refused(value):
    assert reason(v.phone, value).startswith("格式不正确")


def test_choices_accept_labels_and_refuse_unknown_values_instead_of_defaulting():
    parse = v.choice_parser({"good": "良好", "warning": "警示"})
    assert parse("良好") == "good"
    assert reason(parse, "一般") == "“一般”不是可选值（可选：良好、警示）"
    assert reason(parse, "") == "不能为空（可选：良好、警示）"


def test_text_is_trimmed_limited_and_free_of_control_characters():
    assert v.text("  东丽  ", max_length=10) == "东丽"
    assert reason(v.text, "一二三", max_length=2) == "不能超过2个字符（当前3个）"
    assert reason(v.text, "a\x07b", max_length=10) == "含有不可见的控制字符"
    assert v.text("'=SUM(A1)", max_length=20) == "=SUM(A1)"  # our own export escaping is undone


@pytest.mark.parametrize("value", ["12010020250001", "津执-2025-001", "ab12"])
def test_certificate_numbers_are_letters_digits_chinese_or_dashes(value):
    assert v.certificate_number(value) == value.upper()


@pytest.mark.parametrize("value", ["a/b/c/d", "12 34", "<script>", "x"])
def test_certificate_numbers_that_would_break_the_public_url_are_refused(value):
    assert reason(v.certificate_number, value) == "应为4至40位字母、数字、汉字或“-”"
