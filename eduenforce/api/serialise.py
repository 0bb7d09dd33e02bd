"""Publication rows as open data: one dict per row, for JSON and CSV alike.

``fields`` follows the kind's declaration (``portal.fields``): every declared key is present,
in English snake_case, typed (numbers as numbers, ``null`` when absent or still waiting for
the reviewer). Content is masked again on the way out (masking is idempotent); identifiers,
URLs and cursors are never masked.
"""

from django.utils.timezone import localtime

from eduenforce.portal import fields as kinds
from eduenforce.portal.choices import ArticleKind
from eduenforce.portal.masking import mask_public
from eduenforce.portal.richtext import plain_text
from eduenforce.portal.services import identifiers


def typed_fields(publication) -> dict:
    """The declared fields of ``publication``, typed, content masked, pending text as ``None``."""
    values = kinds.allowed(publication.kind, publication.fields)
    pending = set(publication.pending_text or ())
    keep = identifiers(publication.kind, publication.public_id, values)
    out = {}
    for spec in kinds.declared(publication.kind):
        value = None if spec.key in pending else values.get(spec.key)
        if value is not None and spec.masked:
            value = mask_public(value, keep=keep)
        out[spec.key] = None if value is None else kinds.typed(spec, value)
    return out


def publication_dict(publication, absolute) -> dict:
    """The public representation of ``publication``; ``absolute(path)`` makes a full URL."""
    fields = typed_fields(publication)
    keep = identifiers(publication.kind, publication.public_id, fields)
    links = {
        spec.key: absolute(fields[spec.key])
        for spec in kinds.declared(publication.kind)
        if spec.type == kinds.URL
        and isinstance(fields.get(spec.key), str)
        and fields[spec.key].startswith("/")
    }
    return {
        "public_id": publication.public_id,
        "kind": publication.kind,
        "kind_label": publication.get_kind_display(),
        "title": mask_public(publication.title, keep=keep),
        "summary": mask_public(publication.summary, keep=keep),
        "body": mask_public(publication.body, keep=keep),
        "body_format": "html" if publication.kind in ArticleKind.values else "text",
        "fields": fields,
        "year": publication.year,
        "street": publication.street.name if publication.street_id else None,
        "street_code": publication.street.code if publication.street_id else None,
        "occurred_on": publication.occurred_on,
        "published_at": publication.published_at,
        "corrected": publication.state == "corrected",
        "change_note": mask_public(publication.change_note, keep=keep),
        "url": absolute(publication.get_absolute_url()),
        "links": links,
    }


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


def csv_field_keys(kinds_listed) -> list[str]:
    """The field columns of a CSV of ``kinds_listed``: declared keys, each once, links left out."""
    keys: dict[str, None] = {}
    for kind in kinds_listed:
        keys.update(dict.fromkeys(s.key for s in kinds.declared(kind) if s.type != kinds.URL))
    return list(keys)


def csv_row(data: dict, field_keys: list[str]) -> list:
    row = [data[key] for key, _ in CSV_COLUMNS]
    row[8] = "是" if data["corrected"] else "否"
    row[7] = localtime(data["published_at"]).strftime("%Y-%m-%d %H:%M")
    row.extend(_cell(data["fields"].get(key)) for key in field_keys)
    body = plain_text(data["body"]) if data["body_format"] == "html" else data["body"]
    row.append(body)
    return row


def csv_header(field_keys: list[str], kinds_listed=()) -> list[str]:
    """Chinese headers, each unique: a label used twice names its key."""
    header = [label for _, label in CSV_COLUMNS]
    for key in field_keys:
        labels = {kinds.label(k, key) for k in kinds_listed if kinds.field(k, key)} or {
            kinds.label(None, key)
        }
        label = "／".join(sorted(labels))
        header.append(label if label not in header else f"{label}（{key}）")
    header.append("正文" if "正文" not in header else "正文（body）")
    return header


def _cell(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict | list):
        return kinds._flat(value)
    return "" if value is None else str(value)
