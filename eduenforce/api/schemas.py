"""Response shapes of the open-data API (they are the OpenAPI schema the public codes against)."""

from datetime import date, datetime
from enum import Enum
from typing import Any

from ninja import Schema
from pydantic import Field, create_model

from eduenforce.accounts.seeds import STREETS
from eduenforce.portal import fields as kinds
from eduenforce.portal.choices import PublicationKind

# Kinds and street codes as plain string enums, so the schema lists the allowed values.
Kind = Enum("Kind", {value: value for value in PublicationKind.values}, type=str)
Street = Enum("Street", {code: code for _, code in STREETS}, type=str)


class PublicationOut(Schema):
    public_id: str
    kind: str
    kind_label: str
    title: str
    summary: str
    body: str
    body_format: str
    fields: dict[str, Any]
    year: int
    street: str | None
    street_code: str | None
    occurred_on: date
    published_at: datetime
    corrected: bool
    change_note: str
    url: str
    links: dict[str, str]


class PageOut(Schema):
    count: int
    limit: int
    next_cursor: str | None
    licence: str
    items: list[PublicationOut]


class KindOut(Schema):
    kind: str
    label: str
    count: int
    list_url: str
    csv_url: str


class LicenceOut(Schema):
    licence: str
    publisher: str
    masking: str


class ErrorOut(Schema):
    detail: str


# Typed ``fields`` of each kind, from the kind's declaration (portal.fields): snake_case keys,
# numbers as numbers, null when absent or still waiting for the reviewer.
_PYTHON_TYPES = {
    kinds.ID: str,
    kinds.URL: str,
    kinds.TEXT: str,
    kinds.FREE: str,
    kinds.INT: int,
    kinds.NUMBER: float,
    kinds.BOOL: bool,
    kinds.DATE: date,
    kinds.DATETIME: datetime,
    kinds.TEXTS: list[str],
    kinds.TABLE: list[dict[str, Any]],
    kinds.JSON: Any,
}


def _camel(kind: str) -> str:
    return "".join(part.title() for part in kind.split("_"))


def _fields_schema(kind: str):
    return create_model(
        f"{_camel(kind)}Fields",
        __base__=Schema,
        **{
            spec.key: (
                _PYTHON_TYPES[spec.type] | None,
                Field(None, description=f"{spec.label}（{kinds.TYPE_LABELS[spec.type]}）"),
            )
            for spec in kinds.declared(kind)
        },
    )


KIND_ITEM: dict[str, type] = {}
KIND_PAGE: dict[str, type] = {}
for _kind in PublicationKind.values:
    KIND_ITEM[_kind] = create_model(
        f"{_camel(_kind)}Out", __base__=PublicationOut, fields=(_fields_schema(_kind), ...)
    )
    KIND_PAGE[_kind] = create_model(
        f"{_camel(_kind)}Page", __base__=PageOut, items=(list[KIND_ITEM[_kind]], ...)
    )
