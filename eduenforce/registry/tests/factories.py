"""Factories for the registry: institutions with valid credit codes and ID numbers."""

import io
from datetime import date

import factory
from stdnum.cn import ric, uscc

from eduenforce.accounts.models import Department


def credit_code(n: int) -> str:
    base = f"52120110{n:09d}"
    return base + uscc.calc_check_digit(base)


def id_number(n: int, region: str = "120110", birth: str = "19800101") -> str:
    base = f"{region}{birth}{n % 1000:03d}"
    return base + ric.calc_check_digit(base + "0")


def street(code: str = "zgz") -> Department:
    return Department.objects.get(code=code)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "registry.Institution"

    name = factory.Sequence(lambda n: f"天津市东丽区启航培训学校{n}")
    kind = "training_academic"
    credit_code = factory.Sequence(lambda n: credit_code(700_000 + n))
    street = factory.LazyFunction(street)
    address = factory.Sequence(lambda n: f"东丽区津塘路{n}号")
    licence_number = factory.Sequence(lambda n: f"教民1201107{n:06d}")
    licence_issued = date(2022, 1, 1)
    licence_expires = date(2030, 12, 31)
    legal_rep_name = "王五"
    legal_rep_id_number = factory.Sequence(lambda n: id_number(n))
    phone = "13800138000"


HEADERS = [
    "名称",
    "类型",
    "统一社会信用代码",
    "办学许可证号",
    "许可证发证日期",
    "许可证有效期至",
    "办学范围",
    "街道",
    "地址",
    "法定代表人",
    "法定代表人身份证号",
    "联系电话",
    "风险等级",
    "状态",
]


def row(n: int, **overrides) -> list:
    """One valid template row; override cells by header name."""
    values = {
        "名称": f"东丽区测试培训学校{n}",
        "类型": "校外培训机构—非学科类",
        "统一社会信用代码": credit_code(n),
        "办学许可证号": f"教民1201107{n:06d}",
        "许可证发证日期": date(2023, 9, 1),
        "许可证有效期至": "2026-08-31",
        "办学范围": "线下 非学科类",
        "街道": "张贵庄街道",
        "地址": f"东丽区津塘路{n}号",
        "法定代表人": "李四",
        "法定代表人身份证号": id_number(n),
        "联系电话": "022-84371234",
        "风险等级": "良好",
        "状态": "正常",
    }
    values.update(overrides)
    return [values[h] for h in HEADERS]


def xlsx_bytes(rows, headers=HEADERS, *, title: str = "监管对象") -> bytes:
    """A real .xlsx (openpyxl) with ``headers`` and ``rows``; text cells stay text."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
