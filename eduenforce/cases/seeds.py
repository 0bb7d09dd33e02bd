"""The first discretion catalogue (裁量基准), seeded from domain-rules.md §5.3–5.6.

Ranges follow the analogous published rule (§5.6, market regulation 2022): 从轻 = lowest
30 % of the statutory range, 一般 = the middle 40 %, 从重 = the highest 30 %; 减轻 = below the
statutory minimum. The bureau edits the result as a new version (cases.catalogue); this
seed only runs on an empty table (``post_migrate``, idempotent).
"""

from decimal import Decimal

from eduenforce.cases.choices import FineBasis, Severity, Tier
from eduenforce.cases.choices import PenaltyKind as K

D = Decimal
ORD, SER, ESP = Severity.ORDINARY, Severity.SERIOUS, Severity.ESPECIALLY_SERIOUS

REG = "《校外培训行政处罚暂行办法》（教育部令第53号）"
NO_PENALTY_WHEN = "初次违法且危害后果轻微，并在责令改正期限内改正（行政处罚法第33条“首违不罚”），依法予以教育"
LIGHTER_WHEN = "有第32条应当从轻情形，或危害后果轻微并及时改正"
GENERAL_WHEN = "不具有从轻、从重情节"
HEAVIER_WHEN = (
    "两年内再次违法、危害后果严重或社会影响恶劣、阻碍执法或毁灭证据、"
    "在职中小学教师从事学科类培训等（53号令第16条）"
)
MITIGATED_WHEN = "有行政处罚法第32条应当减轻处罚的情形且危害后果轻微"


def _bands(low: Decimal, high: Decimal) -> dict[str, tuple[Decimal, Decimal]]:
    """从轻 / 一般 / 从重 as 30 % / 40 % / 30 % of [low, high]."""
    span = high - low
    a, b = (low + span * D("0.3")).quantize(D("0.01")), (low + span * D("0.7")).quantize(D("0.01"))
    return {Tier.LIGHTER: (low, a), Tier.GENERAL: (a, b), Tier.HEAVIER: (b, high)}


def _fine_tiers(severity, low, high, kinds, measures, mitigated_floor=None):
    bands = _bands(D(low), D(high))
    rows = [
        (severity, Tier.LIGHTER, LIGHTER_WHEN, *bands[Tier.LIGHTER], kinds, measures),
        (severity, Tier.GENERAL, GENERAL_WHEN, *bands[Tier.GENERAL], kinds, measures),
        (severity, Tier.HEAVIER, HEAVIER_WHEN, *bands[Tier.HEAVIER], kinds, measures),
    ]
    if mitigated_floor is not None:
        rows.insert(
            0, (severity, Tier.MITIGATED, MITIGATED_WHEN, D(mitigated_floor), D(low), kinds, measures)
        )
    return rows


def _no_penalty(severity=ORD, measures="责令改正，予以批评教育"):
    return (severity, Tier.NO_PENALTY, NO_PENALTY_WHEN, None, None, [], measures)


SCOPE_MEASURES = "责令限期改正，退还所收费用"
SCOPE_TIERS = [
    _no_penalty(measures=SCOPE_MEASURES),
    (ORD, Tier.LIGHTER, LIGHTER_WHEN, None, None, [K.WARNING, K.CONFISCATE_GAINS], SCOPE_MEASURES),
    (ORD, Tier.GENERAL, GENERAL_WHEN, None, None, [K.WARNING, K.CONFISCATE_GAINS], SCOPE_MEASURES),
    (ORD, Tier.HEAVIER, HEAVIER_WHEN, None, None, [K.WARNING, K.CONFISCATE_GAINS], SCOPE_MEASURES),
    (
        SER,
        Tier.GENERAL,
        "情节严重",
        None,
        None,
        [K.WARNING, K.CONFISCATE_GAINS, K.STOP_ENROLMENT],
        SCOPE_MEASURES,
    ),
    (
        SER,
        Tier.HEAVIER,
        "情节严重且具有从重情节",
        None,
        None,
        [K.WARNING, K.CONFISCATE_GAINS, K.STOP_ENROLMENT, K.REVOKE_LICENCE],
        SCOPE_MEASURES,
    ),
]
SCOPE_KINDS = [K.WARNING, K.CONFISCATE_GAINS, K.STOP_ENROLMENT, K.REVOKE_LICENCE]
SCOPE_PENALTY = "责令限期改正，予以警告；有违法所得的，退还所收费用后没收违法所得；情节严重的，责令停止招收学员、吊销许可证件"

DISGUISED_MEASURES = "责令改正，退还所收费用"
DISGUISED_TIERS = [
    _no_penalty(measures=DISGUISED_MEASURES),
    (ORD, Tier.LIGHTER, LIGHTER_WHEN, None, None, [K.WARNING], DISGUISED_MEASURES),
    (ORD, Tier.GENERAL, GENERAL_WHEN, None, None, [K.WARNING], DISGUISED_MEASURES),
    (ORD, Tier.HEAVIER, HEAVIER_WHEN, None, None, [K.CRITICISM], DISGUISED_MEASURES),
    *_fine_tiers(SER, 0, 50000, [K.WARNING, K.CRITICISM, K.FINE], DISGUISED_MEASURES),
    *_fine_tiers(ESP, 50000, 100000, [K.WARNING, K.CRITICISM, K.FINE], DISGUISED_MEASURES, mitigated_floor=0),
]

# code, article, title, legal basis, statutory penalty, fine basis, min, max, kinds, party kinds, source, tiers
VIOLATIONS = [
    (
        "53-17",
        "53号令第十七条",
        "擅自举办校外培训机构",
        f"{REG}第十七条",
        "会同公安、民政或市场监管部门责令停止举办、退还所收费用，对举办者处违法所得一倍以上五倍以下罚款",
        FineBasis.MULTIPLE,
        D("1"),
        D("5"),
        [K.FINE, K.STOP_RUNNING],  # 责令停止举办 is a 行政处罚 (53号令第五条): imposed by the decision
        "自然人、法人或其他组织",
        "法律原文",
        [
            _no_penalty(measures="责令停止举办，退还所收费用"),
            *_fine_tiers(ORD, 1, 5, [K.FINE, K.STOP_RUNNING], "退还所收费用", mitigated_floor=0),
        ],
    ),
    (
        "53-18",
        "53号令第十八条",
        "以隐形变异方式违规开展学科类校外培训",
        f"{REG}第十八条",
        "责令改正，退还所收费用，予以警告或通报批评；情节严重的，处5万元以下罚款；"
        "情节特别严重的，处5万元以上10万元以下罚款",
        FineBasis.AMOUNT,
        D("0"),
        D("100000"),
        [K.WARNING, K.CRITICISM, K.FINE],
        "自然人、法人或其他组织",
        "法律原文",
        DISGUISED_TIERS,
    ),
    (
        "53-19",
        "53号令第十九条",
        "明知违法培训仍为其提供场所或者互联网平台服务",
        f"{REG}第十九条",
        "责令限期改正；逾期不改正的，予以警告或者通报批评",
        FineBasis.NONE,
        D("0"),
        None,
        [K.WARNING, K.CRITICISM],
        "自然人、法人或其他组织",
        "法律原文",
        [
            (ORD, Tier.NO_PENALTY, "在责令改正期限内改正", None, None, [], "责令限期改正"),
            (ORD, Tier.GENERAL, "逾期不改正", None, None, [K.WARNING], "责令限期改正"),
            (ORD, Tier.HEAVIER, "逾期不改正且具有从重情节", None, None, [K.CRITICISM], "责令限期改正"),
        ],
    ),
    (
        "53-20",
        "53号令第二十条",
        "校外培训机构超出许可范围开展培训",
        f"{REG}第二十条",
        SCOPE_PENALTY,
        FineBasis.NONE,
        D("0"),
        None,
        SCOPE_KINDS,
        "校外培训机构",
        "法律原文",
        SCOPE_TIERS,
    ),
    (
        "53-21",
        "53号令第二十一条",
        "校外培训机构违规开展培训活动（超前超标、违规时间培训、违背教育方针等）",
        f"{REG}第二十一条（第一、二项应当从重）",
        SCOPE_PENALTY,
        FineBasis.NONE,
        D("0"),
        None,
        SCOPE_KINDS,
        "校外培训机构",
        "法律原文",
        SCOPE_TIERS,
    ),
    (
        "53-22",
        "53号令第二十二条",
        "校外培训机构管理混乱（违规收费、预收费、违规广告、联合招生等）",
        f"{REG}第二十二条（第一项应当从重）",
        SCOPE_PENALTY,
        FineBasis.NONE,
        D("0"),
        None,
        SCOPE_KINDS,
        "校外培训机构",
        "法律原文",
        SCOPE_TIERS,
    ),
    (
        "53-23",
        "53号令第二十三条",
        "面向中小学生、学龄前儿童违规组织社会性竞赛",
        f"{REG}第二十三条",
        "责令改正，退还所收费用，予以警告或通报批评；情节严重的，处5万元以下罚款；"
        "情节特别严重的，处5万元以上10万元以下罚款",
        FineBasis.AMOUNT,
        D("0"),
        D("100000"),
        [K.WARNING, K.CRITICISM, K.FINE],
        "自然人、法人或其他组织",
        "法律原文",
        DISGUISED_TIERS,
    ),
    (
        "53-24",
        "53号令第二十四条",
        "校外培训机构违法行为的相关责任人员",
        f"{REG}第二十四条；《民办教育促进法实施条例》第六十四条",
        "予以警告；情节严重的，依法限制从业",
        FineBasis.NONE,
        D("0"),
        None,
        [K.WARNING, K.RESTRICT_PRACTICE],
        "自然人",
        "法律原文",
        [
            (ORD, Tier.GENERAL, GENERAL_WHEN, None, None, [K.WARNING], ""),
            (SER, Tier.HEAVIER, "情节严重", None, None, [K.WARNING, K.RESTRICT_PRACTICE], ""),
        ],
    ),
    (
        "53-25",
        "53号令第二十五条",
        "举办者、实际控制人、决策机构成员违反《民办教育促进法实施条例》第六十二条",
        f"{REG}第二十五条",
        "责令限期改正，退还所收费用，没收违法所得；情节严重的，依法限制从业",
        FineBasis.NONE,
        D("0"),
        None,
        [K.CONFISCATE_GAINS, K.RESTRICT_PRACTICE],
        "自然人",
        "法律原文",
        [
            (ORD, Tier.GENERAL, GENERAL_WHEN, None, None, [K.CONFISCATE_GAINS], "责令限期改正，退还所收费用"),
            (
                SER,
                Tier.HEAVIER,
                "情节严重",
                None,
                None,
                [K.CONFISCATE_GAINS, K.RESTRICT_PRACTICE],
                "责令限期改正，退还所收费用",
            ),
        ],
    ),
    (
        "mcj-64",
        "民办教育促进法第六十四条",
        "擅自举办民办学校",
        "《中华人民共和国民办教育促进法》第六十四条",
        "责令停止办学、退还所收费用，对举办者处违法所得一倍以上五倍以下罚款",
        FineBasis.MULTIPLE,
        D("1"),
        D("5"),
        [K.FINE],
        "举办者",
        "地方实践（盘锦大洼区教育局2023），需本局审定",
        [
            (
                ORD,
                Tier.LIGHTER,
                "情节轻微：在责令期限内停止办学",
                D("1"),
                D("2"),
                [K.FINE],
                "责令停止办学，退还所收费用",
            ),
            (
                ORD,
                Tier.GENERAL,
                "一般：复查时仍在办学",
                D("2"),
                D("4"),
                [K.FINE],
                "责令停止办学，退还所收费用",
            ),
            (
                ORD,
                Tier.HEAVIER,
                "严重：第二次复查时仍在办学",
                D("5"),
                D("5"),
                [K.FINE],
                "责令停止办学，退还所收费用",
            ),
        ],
    ),
]


def seed_catalogue(**kwargs) -> None:
    """Create version 1 (现行有效) when no catalogue exists yet."""
    from eduenforce.cases.choices import CatalogueStatus
    from eduenforce.cases.models import CatalogueVersion

    if CatalogueVersion.objects.exists():
        return
    version = CatalogueVersion.objects.create(
        number=1,
        title="东丽区教育局教育行政处罚裁量基准（试行）",
        status=CatalogueStatus.CURRENT,
        note="依据《行政处罚法》、53号令第14–25条及第30条编制；从轻、从重按法定幅度的30%划分。",
    )
    load_violations(version, VIOLATIONS)


def load_violations(version, rows) -> None:
    from eduenforce.cases.models import TierRule, Violation

    for order, (
        code,
        article,
        title,
        basis,
        penalty,
        fine_basis,
        low,
        high,
        kinds,
        parties,
        source,
        tiers,
    ) in enumerate(rows):
        violation = Violation.objects.create(
            version=version,
            code=code,
            article=article,
            title=title,
            legal_basis=basis,
            statutory_penalty=penalty,
            fine_basis=fine_basis,
            statutory_min=low,
            statutory_max=high,
            allowed_kinds=[str(k) for k in kinds],
            party_kinds=parties,
            source_note=source,
            order=order,
        )
        TierRule.objects.bulk_create(
            [
                TierRule(
                    violation=violation,
                    severity=severity,
                    tier=tier,
                    conditions=conditions,
                    fine_min=fmin,
                    fine_max=fmax,
                    penalty_kinds=[str(k) for k in tier_kinds],
                    measures=measures,
                )
                for severity, tier, conditions, fmin, fmax, tier_kinds, measures in tiers
            ]
        )
