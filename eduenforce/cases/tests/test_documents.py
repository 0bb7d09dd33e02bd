"""The documents: the decision carries the six items of 行政处罚法 第59条 and the remedies,
every document is numbered and journaled, and the PDF is the issued text."""

import io
from datetime import date

import pytest
from docx import Document

from eduenforce.cases import actions as A
from eduenforce.cases.documents import pdf_bytes
from eduenforce.records.documents import documents_for
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db


def _text(document) -> str:
    with document.file.open("rb") as f:
        return "\n".join(p.text for p in Document(io.BytesIO(f.read())).paragraphs)


@pytest.fixture
def decided(flow):
    case = flow.investigated("53-20", corrected=False)
    A.do_add_evidence(
        case,
        by=flow.investigator,
        kind="documentary",
        title="学员缴费收据12张",
        collected_on=date(2025, 6, 16),
    )
    case = flow.conclude(case)
    flow.notified(case)
    A.do_waive_rights(case, by=flow.investigator, waived_on=date(2025, 6, 16), note="当事人书面表示放弃")
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    return flow.decide(case, measures="责令改正，退还所收费用")


def test_the_decision_document_states_the_six_items_of_article_59_and_the_remedies(decided, flow):
    document = documents_for(decided).get(kind="decision")
    text = _text(document)
    assert document.number == decided.decision_number == "东教罚决〔2025〕1号"
    # (1) the party, its identifier and address
    assert (
        flow.institution.name in text
        and flow.institution.credit_code in text
        and flow.institution.address in text
    )
    # (2) the facts and the evidence
    assert "超出许可范围开展初中数学培训" in text and "学员缴费收据12张" in text
    # (3) the penalty and its legal basis
    assert "《校外培训行政处罚暂行办法》（教育部令第53号）第二十条" in text
    assert "警告" in text and "没收违法所得人民币 120,000.00 元" in text
    # (4) how and by when to comply
    assert "十五日内缴至指定银行" in text
    # no fine was imposed (警告 and confiscation), so no 3 % daily surcharge is threatened
    assert "加处罚款" not in text
    # (5) the remedies: 复议 within 60 days (to the district government), 诉讼 within 6 months
    assert (
        "六十日内向天津市东丽区人民政府申请行政复议" in text and "六个月内依法向人民法院提起行政诉讼" in text
    )
    # (6) the bureau and the date, with its seal
    assert "天津市东丽区教育局（印章）" in text and "2025年6月16日" in text
    # and how the discretion catalogue was applied
    assert "裁量基准适用说明：本案适用《东丽区教育局教育行政处罚裁量基准（试行）》（第1版）" in text
    assert "依基准应适用“一般处罚”阶次" in text and "本决定在基准建议范围内" in text
    assert "明确表示放弃陈述、申辩" in text


def test_every_document_of_the_case_is_numbered_and_journaled(decided):
    documents = list(documents_for(decided))
    assert len(documents) == 8
    assert len({d.number for d in documents}) == len(documents)
    issued = JournalEntry.objects.filter(action="document.issued", object_id=str(decided.pk)).count()
    assert issued == len(documents)
    assert all(len(d.sha256) == 64 and len(d.sm3) == 64 for d in documents)


def test_the_pdf_is_rendered_from_the_issued_document_in_chinese(decided):
    from pypdf import PdfReader

    document = documents_for(decided).get(kind="prior_notice")
    reader = PdfReader(io.BytesIO(pdf_bytes(document)))
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "")
    assert "行政处罚事先告知书" in text and "五个工作日内" in text and "听证" in text


def test_documents_download_as_word_and_pdf_for_staff_only(decided, flow, client_for, client):
    document = documents_for(decided).get(kind="decision")
    url = f"/cases/{decided.pk}/documents/{document.pk}"
    response = client_for(flow.reviewer).get(url + ".docx")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert client_for(flow.reviewer).get(url + ".pdf")["Content-Type"] == "application/pdf"
    assert client.get(url + ".pdf").status_code == 302
    assert client_for(flow.reviewer).get(url + ".exe").status_code == 404


def test_every_document_kind_has_its_packaged_word_template_with_its_title():
    from eduenforce.cases.docspecs import SPECS
    from eduenforce.core.documents import template_path

    for spec in SPECS.values():
        path = template_path(spec.template)
        paragraphs = [p.text for p in Document(str(path)).paragraphs]
        assert paragraphs[1] == spec.title, spec.kind
        expected = [p for p in spec.paragraphs if isinstance(p, str)] + [text for _, text in spec.closing]
        assert expected == paragraphs[3:], f"{spec.kind}: run tools/build_case_templates.py"
