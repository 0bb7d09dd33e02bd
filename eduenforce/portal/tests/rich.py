"""A rich public portal for tests: a publication of every kind, each carrying planted personal
data (ID numbers, mobiles, bank cards, home addresses, witnesses' names), plus a corrected and a
withdrawn decision and published articles with an attachment. Nothing planted may ever show."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from eduenforce.accounts.models import Department
from eduenforce.portal import services
from eduenforce.portal.choices import ArticleKind, PublicationKind
from eduenforce.portal.models import Article
from eduenforce.portal.tests.factories import publish

PLANTED_IDS = ["120110198803154321", "12011019900101123X", "110101200512310018"]
PLANTED_MOBILES = ["13812345678", "15900001111", "18622223333"]
PLANTED_CARDS = ["6222021234567890128", "6217 0000 1111 2222"]
PLANTED_ADDRESSES = ["幸福里小区3号楼2门501", "金桥花园8栋1201"]
WITNESSES = ["王小明", "李秀英", "赵建国"]
PARTIES = ["张三丰", "欧阳明月"]  # penalised individuals: only 张某 / 欧阳某 may show
NEVER_SHOWN = [*PLANTED_IDS, *PLANTED_MOBILES, *PLANTED_CARDS, *PLANTED_ADDRESSES, *WITNESSES, *PARTIES]


def _pii(i: int) -> str:
    return (
        f"证人{WITNESSES[i % 3]}称当事人身份证号{PLANTED_IDS[i % 3]}，联系电话{PLANTED_MOBILES[i % 3]}，"
        f"银行卡号{PLANTED_CARDS[i % 2]}，家庭住址：东丽区{PLANTED_ADDRESSES[i % 2]}。"
    )


def build(*, author, reviewer) -> dict:
    streets = list(Department.objects.filter(kind="street").order_by("order")[:3])
    made = {}
    for i, kind in enumerate(PublicationKind.values):
        if kind in ArticleKind.values:
            continue
        made[kind] = publish(
            kind,
            by=reviewer,
            title=f"{PublicationKind(kind).label}：东丽区某培训学校（{2024 + i % 2}年）",
            occurred_on=date(2024 + i % 2, 3 + i % 9, 10),
            street=streets[i % 3],
            summary=f"涉及{WITNESSES[i % 3]}的检查，手机{PLANTED_MOBILES[i % 3]}",
            body=_pii(i) + "\n依据《民办教育促进法》作出处理。",
            fields={
                "institution": "东丽区某培训学校",
                "credit_code": "52120110MJ0000000X",
                "facts": _pii(i + 1),
                "证人": WITNESSES[i % 3],
                "联系电话": PLANTED_MOBILES[i % 3],
            },
            names_to_remove=WITNESSES,
        )
    made["individual"] = publish(
        PublicationKind.DECISION,
        by=reviewer,
        title="对张三丰违规举办培训的行政处罚决定",
        street=streets[0],
        summary="当事人张三丰，罚款人民币5000元",
        body=_pii(2) + " 欧阳明月作为共同当事人。",
        fields={"party": "张三丰", "fine": "5000", "decision_number": "东教罚决〔2025〕3号"},
        names_to_mask=PARTIES,
        names_to_remove=WITNESSES,
    )
    corrected = publish(
        PublicationKind.DECISION,
        by=reviewer,
        title="对东丽区某艺术培训中心的行政处罚决定",
        fields={"fine": "8000"},
        body=_pii(1),
    )
    made["corrected"] = services.correct(
        corrected,
        by=reviewer,
        note=f"罚款金额有误（核对人{WITNESSES[0]}）",
        fields={"fine": "6000"},
        names_to_remove=WITNESSES,
    )
    withdrawn = publish(PublicationKind.DECISION, by=reviewer, title="对东丽区某舞蹈培训机构的行政处罚决定")
    made["withdrawn"] = services.withdraw(
        withdrawn, by=reviewer, note=f"复议撤销，申请人{PARTIES[0]}", names_to_mask=PARTIES
    )
    for publication in made.values():  # the reviewer confirms the masked drafts of free text
        if publication.pending_text and publication.is_public:
            services.confirm_text(publication, by=reviewer, texts=publication.pending_text)
    made = {key: type(p).objects.get(pk=p.pk) for key, p in made.items()}
    for kind in ArticleKind.values:
        article = Article.draft(
            kind=kind,
            by=author,
            title=f"{ArticleKind(kind).label}：寒假校外培训治理",
            summary="区教育局发布",
            body=f'<p>{_pii(0)}</p><script>alert(1)</script><p onclick="x()">家长可通过平台投诉举报。</p>',
        )
        article.add_attachment(
            SimpleUploadedFile("检查通报.pdf", b"%PDF-1.4\n%test\n", "application/pdf"), by=author
        )
        article.submit(by=author)
        made[kind] = article.approve(by=reviewer)
    return made
