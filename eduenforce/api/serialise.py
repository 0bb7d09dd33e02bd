"""Publication rows as open data: one masked dict per row, for JSON and CSV alike."""

from django.utils.timezone import localtime

from eduenforce.portal.choices import FIELD_LABELS, ArticleKind
from eduenforce.portal.masking import mask_public
from eduenforce.portal.richtext import plain_text


def publication_dict(publication, absolute) -> dict:
    """The public representation of ``publication``; ``absolute(path)`` makes a full URL."""
    fields = publication.fields if isinstance(publication.fields, dict) else {"value": publication.fields}
    links = {
        key: absolute(value)
        for key, value in fields.items()
        if str(key).endswith("url") and isinstance(value, str) and value.startswith("/")
    }
    data = {
        "public_id": publication.public_id,
        "kind": publication.kind,
        "kind_label": publication.get_kind_display(),
        "title": publication.title,
        "summary": publication.summary,
        "body": publication.body,
        "body_format": "html" if publication.kind in ArticleKind.values else "text",
        "fields": fields,
        "year": publication.year,
        "street": publication.street.name if publication.street_id else None,
        "street_code": publication.street.code if publication.street_id else None,
        "occurred_on": publication.occurred_on,
        "published_at": publication.published_at,
        "corrected": publication.state == "corrected",
        "change_note": publication.change_note,
        "url": absolute(publication.get_absolute_url()),
        "links": links,
    }
    return mask_public(data)


CSV_COLUMNS = [
    ("public_id", "公开编号"),
    ("kind_label", "类别"),
    ("title", "标题"),
    ("summary", "摘要"),
    ("year", "年度"),
    ("street", "街道"),
    ("occurred_on", "事由日期"),
    ("published_at", "公示时间"),
    ("corrected", "是否更正"),
    ("change_note", "更正说明"),
    ("url", "网址"),
]


def csv_row(data: dict, field_keys: list[str]) -> list:
    row = [data[key] for key, _ in CSV_COLUMNS]
    row[8] = "是" if data["corrected"] else "否"
    row[7] = localtime(data["published_at"]).strftime("%Y-%m-%d %H:%M")
    row.extend(_cell(data["fields"].get(key, "")) for key in field_keys)
    body = plain_text(data["body"]) if data["body_format"] == "html" else data["body"]
    row.append(body)
    return row


def csv_header(field_keys: list[str]) -> list[str]:
    return [label for _, label in CSV_COLUMNS] + [FIELD_LABELS.get(k, k) for k in field_keys] + ["正文"]


def _cell(value) -> str:
    if isinstance(value, dict | list):
        import json

        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)
