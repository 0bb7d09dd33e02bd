"""Factories for officers, their certificates, training and conflicts."""

import io
from datetime import date

import factory

from eduenforce.testing.factories import OfficerFactory, department  # noqa: F401  (shared; re-exported to this app's tests)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "officers.Certificate"

    officer = factory.SubFactory(OfficerFactory)
    number = factory.Sequence(lambda n: f"1201002025{n:04d}")
    issuing_authority = "天津市人民政府"
    valid_from = date(2024, 1, 1)
    valid_to = date(2028, 12, 31)


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "officers.TrainingRecord"

    officer = factory.SubFactory(OfficerFactory)
    course = "行政处罚法专题培训"
    date = date(2025, 3, 1)
    hours = 8


def certified(**kwargs):
    """An in-service officer with a certificate valid 2024–2028."""
    officer = OfficerFactory(**kwargs)
    CertificateFactory(officer=officer)
    return officer


def image_bytes(fmt: str = "PNG", size=(60, 80)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (30, 60, 200)).save(out, fmt)
    return out.getvalue()


OFFICER_HEADERS = [
    "姓名",
    "所属部门",
    "职务",
    "执法证号",
    "发证机关",
    "证件有效期自",
    "证件有效期至",
    "证件状态",
    "法律职业资格证号",
]


def officer_row(n: int, **overrides) -> list:
    values = {
        "姓名": f"张{n}",
        "所属部门": "教育行政执法大队",
        "职务": "队员",
        "执法证号": f"1201002025{n:04d}",
        "发证机关": "天津市人民政府",
        "证件有效期自": "2025-01-01",
        "证件有效期至": date(2029, 12, 31),
        "证件状态": "有效",
        "法律职业资格证号": "",
    }
    values.update(overrides)
    return [values[h] for h in OFFICER_HEADERS]
