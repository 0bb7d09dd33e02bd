"""An operation description and a response example on every path of the OpenAPI schema.

Examples are built from the kinds' declarations (``portal.fields``), so a field added to a kind
shows in the documentation with a value of its type."""

from eduenforce.portal import fields as kinds
from eduenforce.portal.choices import PublicationKind

_VALUES = {
    kinds.ID: "3f9a0c1d2e4b5a6c",
    kinds.URL: "/portal/p/3f9a0c1d2e4b5a6c/",
    kinds.TEXT: "东丽区某培训学校",
    kinds.FREE: "经查，该机构超出许可范围开展学科类培训。",
    kinds.INT: 12,
    kinds.NUMBER: 5000,
    kinds.BOOL: True,
    kinds.DATE: "2025-06-02",
    kinds.DATETIME: "2025-06-02T09:30:00+08:00",
    kinds.TEXTS: ["警告", "罚款"],
    kinds.TABLE: [{"order": 1, "text": "办学许可证是否在有效期内"}],
    kinds.JSON: {"code": "JY-001", "name": "校外培训机构检查"},
}
BASE = "https://example.org"


def item(kind: str = PublicationKind.DECISION) -> dict:
    return {
        "public_id": "3f9a0c1d2e4b5a6c",
        "kind": kind,
        "kind_label": PublicationKind(kind).label,
        "title": f"{PublicationKind(kind).label}：东丽区某培训学校",
        "summary": "超出许可范围开展学科类培训；警告、罚款5000元",
        "body": "",
        "body_format": "html" if kind in (PublicationKind.NEWS, PublicationKind.INTERPRETATION) else "text",
        "fields": {spec.key: _VALUES[spec.type] for spec in kinds.declared(kind)},
        "year": 2025,
        "street": "张贵庄街道",
        "street_code": "zgz",
        "occurred_on": "2025-06-02",
        "published_at": "2025-06-09T10:00:00+08:00",
        "corrected": False,
        "change_note": "",
        "url": f"{BASE}/portal/p/3f9a0c1d2e4b5a6c/",
        "links": {},
    }


def page(kind: str = PublicationKind.DECISION) -> dict:
    return {
        "count": 1,
        "limit": 20,
        "next_cursor": None,
        "licence": "本平台公开的数据……",
        "items": [item(kind)],
    }


CSV_EXAMPLE = "公开编号,类别,标题,摘要,年度,街道,事由日期,公示时间,是否更正,更正说明,网址,…,正文\r\n"
ERROR = {"detail": "参数有误：year（请对照接口文档检查取值范围和格式）"}


def annotate(schema: dict, kind_paths: dict[str, str]) -> dict:
    """Fill in what an operation lacks: a description (its summary at least) and examples."""
    for path, operations in schema.get("paths", {}).items():
        segment = path.rstrip("/").rsplit("/", 1)[-1]
        kind = kind_paths.get(segment.removesuffix(".csv"))
        for operation in operations.values():
            operation.setdefault("description", operation.get("summary", ""))
            for status, response in operation.get("responses", {}).items():
                for media, content in response.get("content", {}).items():
                    if "example" in content or "examples" in content:
                        continue
                    if media == "text/csv":
                        content["example"] = CSV_EXAMPLE
                    elif status != "200":
                        content["example"] = {"detail": response.get("description") or ERROR["detail"]}
                    elif path.endswith("/publications/{public_id}"):
                        content["example"] = item()
                    elif path.endswith("/publications") or kind:
                        content["example"] = page(kind or PublicationKind.DECISION)
                    elif path.endswith("/kinds"):
                        content["example"] = [
                            {
                                "kind": "decision",
                                "label": "行政处罚决定",
                                "count": 12,
                                "list_url": f"{BASE}/api/v1/publications?kind=decision",
                                "csv_url": f"{BASE}/api/v1/publications.csv?kind=decision",
                            }
                        ]
                    elif path.endswith("/licence"):
                        content["example"] = {
                            "licence": "本平台公开的数据……",
                            "publisher": "东丽区教育局",
                            "masking": "……",
                        }
                    elif path.endswith("/health"):
                        content["example"] = {"status": "ok"}
    return schema
