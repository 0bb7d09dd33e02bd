"""Response shapes of the open-data API (they are the OpenAPI schema the public codes against)."""

from datetime import date, datetime
from enum import Enum
from typing import Any

from ninja import Schema

from eduenforce.accounts.seeds import STREETS
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
