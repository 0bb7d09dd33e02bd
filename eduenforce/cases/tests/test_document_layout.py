"""Every case document, as Word and as PDF, is a GB/T 9704 A4 page with page numbers, the closing
block kept with the last paragraph, real tables for the forms, and wording a clerk can file."""

from datetime import date

import pytest

from eduenforce.cases import actions as A
from eduenforce.cases.documents import pdf_bytes
from eduenforce.core import config
from eduenforce.records.documents import documents_for
from eduenforce.testing.documents import assert_gbt9704_docx, assert_gbt9704_pdf, docx_text

pytestmark = pytest.mark.django_db

KINDS = [
    "filing_approval",
    "inspection_record",
    "correction_notice",
    "investigation_report",
    "prior_notice",
    "service_receipt",
    "review_opinion",
    "decision",
]
FORMS = {"service_receipt"}


@pytest.fixture
def decided(flow):
    case = flow.investigated("53-22", corrected=False)
    A.do_add_evidence(
        case,
        by=flow.investigator,
        kind="documentary",
        title="学员缴费收据12张",
        collected_on=date(2025, 6, 16),
    )
    case = flow.conclude(case, report="经调查，该机构于2025年违规预收学员费用12万元。")
    flow.notified(case)
    A.do_waive_rights(case, by=flow.investigator, waived_on=date(2025, 6, 16), note="当事人书面表示放弃")
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    return flow.decide(case, measures="责令改正，退还所收费用")


def _content(document) -> bytes:
    with document.file.open("rb") as f:
        return f.read()


def test_the_decided_case_has_issued_every_kind_tested_here(decided):
    assert {d.kind for d in documents_for(decided)} == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_the_word_document_is_an_a4_gbt9704_page_with_page_numbers_and_named_fonts(decided, kind):
    assert_gbt9704_docx(_content(documents_for(decided).get(kind=kind)), tables=kind in FORMS)


@pytest.mark.parametrize("kind", KINDS)
def test_the_pdf_is_a4_with_the_same_items_and_no_page_holding_only_the_closing(decided, kind):
    document = documents_for(decided).get(kind=kind)
    pdf = pdf_bytes(document)
    assert_gbt9704_pdf(
        pdf,
        required=(document.title, document.number, decided.party_name),
        closing=("天津市东丽区教育局（印章）", "天津市东丽区教育局", "2025年6月16日"),
    )


@pytest.mark.parametrize("kind", KINDS)
def test_no_document_reads_awkward_joins_or_leaks_catalogue_notes(decided, kind):
    text = docx_text(_content(documents_for(decided).get(kind=kind)))
    for wrong in (
        "你（单位）",
        "经查，经调查",
        "经查，你单位经调查",
        "应当从重",
        "2025-",
        "年06月",
        "月05日",
    ):
        assert wrong not in text, (kind, wrong)


def test_the_correction_notice_cites_the_violated_article_not_the_procedural_rule(decided):
    text = docx_text(_content(documents_for(decided).get(kind="correction_notice")))
    assert "上述行为违反了《校外培训行政处罚暂行办法》（教育部令第53号）第二十二条的规定" in text
    assert "第三十二条" not in text and "责令你单位于" in text


def test_the_service_receipt_is_a_table_with_place_method_signer_and_boxes(decided):
    text = docx_text(_content(documents_for(decided).get(kind="service_receipt")))
    for label in (
        "送达地点｜",
        "送达方式｜直接送达",
        "签收人姓名｜刘某",
        "受送达人（签收人）签名｜",
        "拒收事由及见证｜",
    ):
        assert label in text, label
    assert decided.party_address in text


def test_the_decision_names_the_configured_bank_and_account(flow, decided, sys_admin):
    from eduenforce.cases.documents import performance_text

    config.set_value("cases.payment_bank", "中国农业银行天津东丽支行", by=sys_admin)
    config.set_value("cases.payment_account_name", "天津市东丽区财政局", by=sys_admin)
    config.set_value("cases.payment_account", "0218000104", by=sys_admin)
    text = performance_text(decided)
    assert "缴至中国农业银行天津东丽支行（户名：天津市东丽区财政局，账号：0218000104）" in text


def test_the_surcharge_sentence_appears_only_when_a_fine_is_imposed(decided):
    from eduenforce.cases.documents import performance_text

    assert "加处罚款" not in performance_text(decided)
    decided.penalty_kinds = [*decided.penalty_kinds, "fine"]
    decided.fine_amount = 20000
    assert "每日按罚款数额的百分之三加处罚款" in performance_text(decided)
