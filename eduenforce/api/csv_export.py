"""CSV downloads of any public list (UTF-8 with BOM for Excel; formula injection neutralised)."""

import csv
from datetime import date

from django.http import StreamingHttpResponse

from eduenforce.api.serialise import csv_header, csv_row, publication_dict

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FIELD_SAMPLE = 500


class _Echo:
    def write(self, value):
        return value


def _safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _field_keys(qs) -> list[str]:
    """Columns for ``fields``: the keys used by the first rows, in first-seen order."""
    keys: dict[str, None] = {}
    for fields in qs.values_list("fields", flat=True)[:_FIELD_SAMPLE]:
        if isinstance(fields, dict):
            keys.update(dict.fromkeys(k for k in fields if not str(k).endswith("url")))
    return list(keys)


def csv_response(qs, absolute, filename: str) -> StreamingHttpResponse:
    field_keys = _field_keys(qs)
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff" + writer.writerow(csv_header(field_keys))
        for publication in qs.iterator(chunk_size=2000):
            data = publication_dict(publication, absolute)  # masked, like every public output
            yield writer.writerow([_safe(v) for v in csv_row(data, field_keys)])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{date.today():%Y%m%d}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
