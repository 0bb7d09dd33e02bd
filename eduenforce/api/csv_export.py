"""CSV downloads of any public list (UTF-8 with BOM for Excel; formula injection neutralised)."""

import csv
from datetime import date

from django.http import StreamingHttpResponse

from eduenforce.api.serialise import csv_field_keys, csv_header, csv_row, publication_dict
from eduenforce.portal.choices import PublicationKind

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value):
        return value


def _safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_response(qs, absolute, filename: str, kind: str | None = None) -> StreamingHttpResponse:
    """``kind``: the one kind listed (its declared columns), or every kind (the union, each key once)."""
    listed = [kind] if kind else PublicationKind.values
    field_keys = csv_field_keys(listed)
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff" + writer.writerow(csv_header(field_keys, listed))
        for publication in qs.iterator(chunk_size=2000):
            data = publication_dict(publication, absolute)  # masked, like every public output
            yield writer.writerow([_safe(v) for v in csv_row(data, field_keys)])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{date.today():%Y%m%d}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
