"""The portal's menu: every category the bureau must publish, and where each one lives.

Some categories have a dedicated page in the app that owns them (decisions in ``cases``,
draws in ``sampling``…); while such a page does not exist the generic list of the kind is
shown instead, so the menu never leads to a 404.
"""

from dataclasses import dataclass
from functools import cache

from django.urls import Resolver404, resolve, reverse

from eduenforce.portal.choices import PublicationKind as K


@dataclass(frozen=True)
class Entry:
    label: str
    url: str
    kind: str = ""


def resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def _kind_url(kind: str, dedicated: str = "") -> str:
    if dedicated and resolves(dedicated):
        return dedicated
    return reverse("portal:kind-list", args=[kind])


@cache
def menu() -> tuple[tuple[str, tuple[Entry, ...]], ...]:
    """(section, entries) in display order; a section with one entry is a plain link."""
    complaints = "/portal/complaints/"
    sections = [
        ("执法主体", (Entry("执法主体与执法人员", reverse("portal:about")),)),
        ("事项清单", (Entry("行政执法事项清单", _kind_url(K.ITEM_LIST, "/portal/items/"), K.ITEM_LIST),)),
        (
            "检查计划",
            (
                Entry("年度执法检查计划", _kind_url(K.ANNUAL_PLAN), K.ANNUAL_PLAN),
                Entry("专项检查", _kind_url(K.CAMPAIGN), K.CAMPAIGN),
                Entry("双随机抽查计划", _kind_url(K.SAMPLING_PLAN), K.SAMPLING_PLAN),
            ),
        ),
        (
            "双随机",
            (
                Entry("抽取结果与验证", _kind_url(K.DRAW, "/portal/draws/"), K.DRAW),
                Entry(
                    "抽查检查结果",
                    _kind_url(K.INSPECTION_RESULT, "/portal/inspections/"),
                    K.INSPECTION_RESULT,
                ),
            ),
        ),
        ("处罚决定", (Entry("行政处罚决定", _kind_url(K.DECISION, "/portal/decisions/"), K.DECISION),)),
        ("年度报告", (Entry("行政执法年度报告", _kind_url(K.REPORT, "/portal/reports/"), K.REPORT),)),
        (
            "动态与解读",
            (
                Entry("执法动态", _kind_url(K.NEWS), K.NEWS),
                Entry("法律法规解读", _kind_url(K.INTERPRETATION), K.INTERPRETATION),
                Entry("行政处罚裁量基准", _kind_url(K.CATALOGUE), K.CATALOGUE),
            ),
        ),
    ]
    if resolves(complaints):
        sections.append(("投诉举报", (Entry("投诉举报", complaints),)))
    sections.append(("开放数据", (Entry("开放数据", reverse("portal:open-data")),)))
    return tuple(sections)


def entries() -> list[Entry]:
    return [entry for _, items in menu() for entry in items]


def dedicated_url(kind: str) -> str | None:
    """The owning app's page for ``kind`` when it differs from the generic list."""
    generic = reverse("portal:kind-list", args=[kind])
    url = next((e.url for e in entries() if e.kind == kind), generic)
    return None if url == generic else url
