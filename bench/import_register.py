"""Import a 50,000-row institution register, validated and written (target ≥ 30 % of the rate at
which python-calamine alone reads the same file), and time the institution list pages.

The floor is calamine reading the generated file into Python rows; the import is
``registry.importing.import_institutions`` into a scratch database (each into an emptied table).
Both are run three times, interleaved, and the best of each is compared. The list pages are timed on ``BENCH_LIST_ROWS`` institutions (default
1,000,000) through the Django test client, server side (middleware, query, template): each
page's warm median, and the first, uncached request of its total (``/registry/count/``, which
the page loads separately). Printed, not judged: the Result is the import ratio.
"""

import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta

from bench._common import Result

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "50000"))
LIST_ROWS = int(os.environ.get("BENCH_LIST_ROWS", "1000000"))

_PLACES = [
    "东丽",
    "华明",
    "金桥",
    "新立",
    "军粮城",
    "丰年",
    "万新",
    "无瑕",
    "张贵庄",
    "金钟",
    "东丽湖",
    "华新",
]
_WORDS = [
    "英语",
    "音乐",
    "美术",
    "舞蹈",
    "书法",
    "围棋",
    "编程",
    "科技",
    "艺术",
    "体育",
    "少儿",
    "启明",
    "阳光",
    "育才",
    "博雅",
    "星辰",
    "智慧",
    "童心",
    "未来",
    "明德",
    "致远",
    "长青",
    "银河",
    "乐学",
]
_ENDINGS = [
    "培训学校",
    "培训中心",
    "幼儿园",
    "学校",
    "艺术培训学校有限公司",
    "教育咨询有限公司",
    "小学",
    "中学",
]
_KINDS = ["民办学校", "幼儿园", "公办中小学", "校外培训机构—学科类", "校外培训机构—非学科类", "其他"]
_RISKS = ["良好", "良好", "良好", "警示", "失信", "严重失信"]
_STATUSES = ["正常", "正常", "正常", "整改中", "停止招生", "停办"]
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀兰霞平刚桂英"
_REGIONS = ["120110", "120101", "120102", "120103", "120104", "120105", "120111", "120112"]


def credit_code(n: int) -> str:
    from stdnum.cn import uscc

    base = f"52120110{n:09d}"
    return base + uscc.calc_check_digit(base)


def id_number(rng: random.Random) -> str:
    from stdnum.cn import ric

    birth = date(1960, 1, 1) + timedelta(days=rng.randrange(14_000))
    base = f"{rng.choice(_REGIONS)}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return base + ric.calc_check_digit(base + "0")


def institution_row(n: int, rng: random.Random, streets: list[str]) -> list:
    issued = date(2019, 1, 1) + timedelta(days=rng.randrange(2200))
    expires = issued + timedelta(days=365 * rng.choice([3, 5, 6]))
    name = (
        f"天津市{rng.choice(_PLACES)}{rng.choice(_WORDS)}{rng.choice(_WORDS)}{_ENDINGS[n % len(_ENDINGS)]}{n}"
    )
    return [
        name,
        rng.choice(_KINDS),
        credit_code(n),
        f"教民{120110 + n % 7}{n:08d}",
        issued if n % 2 else issued.strftime("%Y-%m-%d"),
        expires if n % 3 else expires.strftime("%Y/%-m/%-d"),
        rng.choice(["线下 学科类", "线下 非学科类", "线上 非学科类"]),
        rng.choice(streets),
        f"天津市东丽区{rng.choice(_PLACES)}路{n % 300 + 1}号",
        rng.choice(_SURNAMES) + rng.choice(_GIVEN) * 2,
        id_number(rng),
        f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
        rng.choice(_RISKS),
        rng.choice(_STATUSES),
    ]


def write_file(path: str, n: int, streets: list[str]) -> None:
    from openpyxl import Workbook

    from eduenforce.registry.importing import INSTITUTION_HEADERS

    rng = random.Random(2025)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("监管对象")
    sheet.append(INSTITUTION_HEADERS)
    for i in range(n):
        sheet.append(institution_row(i, rng, streets))
    workbook.save(path)


def _calamine_read(path: str) -> int:
    """The floor: calamine alone, under the same conditions as the import (garbage collector paused)."""
    from python_calamine import CalamineWorkbook

    from eduenforce.registry.importing.common import paused_gc

    with paused_gc(), open(path, "rb") as f:
        rows = CalamineWorkbook.from_filelike(f).get_sheet_by_index(0).to_python(skip_empty_area=False)
    return len(rows)


def _clear_institutions() -> None:
    # Plain DELETEs: nothing else references these rows in the scratch database, and Django's
    # cascade collector would visit every app's tables.
    from django.db import connection

    from eduenforce.registry.models import ImportItem, Institution, LicenceEvent

    with connection.cursor() as cursor:
        for model in (ImportItem, LicenceEvent, Institution):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608 (model table names)


def _time_both(path: str, user, rounds: int = 3) -> tuple[float, float]:
    """Best floor and best import over ``rounds`` interleaved pairs, so both see the same machine."""
    from eduenforce.registry.importing import import_institutions

    floors, imports = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        _calamine_read(path)
        floors.append(time.perf_counter() - start)
        _clear_institutions()
        start = time.perf_counter()
        result = import_institutions(path, by=user, file_name="bench.xlsx")
        imports.append(time.perf_counter() - start)
        assert result.created == ROWS, result.summary()
    return min(floors), min(imports)


def run() -> Result:
    from django.test.utils import setup_test_environment

    from eduenforce.accounts.models import Department, User
    from eduenforce.bench_support import scratch_database

    setup_test_environment()
    with scratch_database(), tempfile.TemporaryDirectory() as tmp:
        streets = list(Department.objects.filter(kind="street").values_list("name", flat=True))
        path = os.path.join(tmp, "register.xlsx")
        write_file(path, ROWS, streets)
        user = User.objects.create(username="bench", name="导入基准", role="section_head")
        floor, elapsed = _time_both(path, user)
        list_note = _time_list_pages(user, streets)
    # rows/s ratio = (ROWS / elapsed) / (ROWS / floor) = floor / elapsed
    return Result(
        "import",
        floor,
        elapsed,
        0.30,
        higher_is_better=True,
        extra=f"[{ROWS} rows: calamine {floor:.2f}s ({ROWS / floor:,.0f} rows/s), "
        f"import {elapsed:.2f}s ({ROWS / elapsed:,.0f} rows/s); {list_note}]",
    )


def _time_list_pages(user, streets) -> str:
    """Median server time of each list page (warm), and the first (uncached) time of its total."""
    if LIST_ROWS <= 0:
        return "list pages skipped"
    from django.core.cache import cache
    from django.test import Client

    from eduenforce.accounts.models import Department
    from eduenforce.registry.models import Institution

    start = time.perf_counter()
    _fill(LIST_ROWS - Institution.objects.count())
    fill_seconds = time.perf_counter() - start
    client = Client()
    client.force_login(user)
    street = Department.objects.filter(kind="street").order_by("id").first()
    middle = Institution.objects.order_by("name", "id").values_list("id", flat=True)[LIST_ROWS // 2]
    pages = {
        "default": "",
        "type": "kind=training_academic",
        "street+risk": f"street={street.pk}&risk_class=warning",
        "page 10,000": f"after={middle}",
        "pinyin": "q=TJSDL",
        "name": "q=%E9%9F%B3%E4%B9%90",  # 音乐
        "credit code": "q=52120110000012",
        "licence 90d": "licence=expiring",
        "no match": "q=zzzzzz",
    }
    shown = []
    for label, query in pages.items():
        cache.clear()
        t = time.perf_counter()
        total = client.get(f"/registry/count/?{query}")
        count_ms = (time.perf_counter() - t) * 1000
        assert total.status_code == 200
        client.get(f"/registry/?{query}")  # warm the database pages
        samples = []
        for _ in range(5):
            t = time.perf_counter()
            response = client.get(f"/registry/?{query}")
            samples.append(time.perf_counter() - t)
            assert response.status_code == 200, (query, response.status_code)
        shown.append(f"{label} {statistics.median(samples) * 1000:.0f}ms (total {count_ms:.0f}ms)")
    return f"list pages on {LIST_ROWS:,} rows (filled in {fill_seconds:.0f}s): " + ", ".join(shown)


def _fill(n: int) -> None:
    """Top the table up to LIST_ROWS with plain INSERTs (the import path is measured above)."""
    if n <= 0:
        return
    from django.db import connection, transaction
    from django.utils import timezone

    from eduenforce.accounts.models import Department
    from eduenforce.registry.choices import InstitutionKind, InstitutionStatus, RiskClass
    from eduenforce.registry.importing.common import insert_rows
    from eduenforce.registry.models import Institution
    from eduenforce.registry.pinyin import initials

    rng = random.Random(7)
    street_ids = list(Department.objects.filter(kind="street").values_list("id", flat=True))
    kinds, risks, statuses = InstitutionKind.values, RiskClass.values, InstitutionStatus.values
    now = timezone.now()
    fields = [
        "name",
        "name_initials",
        "kind",
        "credit_code",
        "licence_number",
        "licence_issued",
        "licence_expires",
        "scope",
        "address",
        "street_id",
        "legal_rep_name",
        "legal_rep_id_number",
        "phone",
        "risk_class",
        "status",
        "created_at",
        "updated_at",
    ]
    offset = 10_000_000
    today = date.today()
    with transaction.atomic():
        batch = []
        for i in range(n):
            name = f"天津市{rng.choice(_PLACES)}{rng.choice(_WORDS)}{rng.choice(_WORDS)}{_ENDINGS[i % 8]}{i}"
            expires = today + timedelta(days=rng.randrange(-400, 2000))
            batch.append(
                (
                    name,
                    initials(name),
                    rng.choice(kinds),
                    credit_code(offset + i),
                    "",
                    None,
                    expires,
                    "",
                    "",
                    rng.choice(street_ids),
                    "",
                    "",
                    "",
                    rng.choice(risks),
                    rng.choice(statuses),
                    now,
                    now,
                )
            )
            if len(batch) == 20_000:
                insert_rows(Institution, fields, batch)
                batch = []
        insert_rows(Institution, fields, batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE registry_institution")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
