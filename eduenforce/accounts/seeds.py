"""Reference data: the bureau's sections, the partner departments the 2025 report names, the streets.

Seeded by a ``post_migrate`` handler (idempotent), so a flushed test database gets it back too.
"""

SECTIONS = [
    ("办公室", "bgs"),
    ("政策法规科", "zcfgk"),
    ("基础教育科", "jcjyk"),
    ("民办教育管理科", "mbjyk"),
    ("校外教育培训监管科", "xwpxk"),
    ("安全稳定科", "aqwdk"),
    ("教育行政执法大队", "zfdd"),
]
PARTNERS = [
    ("东丽区消防救援支队", "消防", "xf"),
    ("东丽区市场监督管理局", "市场监管", "scjg"),
    ("东丽区人力资源和社会保障局", "人社", "rs"),
    ("东丽区卫生健康委员会", "卫健", "wj"),
    ("东丽区民政局", "民政", "mz"),
    ("天津市公安局东丽分局", "公安", "ga"),
    ("东丽区文化和旅游体育局", "文旅体", "wlt"),
]
STREETS = [
    ("张贵庄街道", "zgz"),
    ("丰年村街道", "fnc"),
    ("万新街道", "wx"),
    ("无瑕街道", "wxj"),
    ("新立街道", "xl"),
    ("华明街道", "hm"),
    ("金钟街道", "jz"),
    ("军粮城街道", "jlc"),
    ("金桥街道", "jq"),
    ("东丽湖街道", "dlh"),
    ("华新街道", "hx"),
]


def seed_departments(**kwargs) -> None:
    from eduenforce.accounts.models import Department

    for order, (name, code) in enumerate(SECTIONS):
        Department.objects.get_or_create(
            code=code, defaults={"name": name, "kind": "section", "order": order}
        )
    for order, (name, short, code) in enumerate(PARTNERS):
        Department.objects.get_or_create(
            code=code, defaults={"name": name, "short_name": short, "kind": "partner", "order": order}
        )
    for order, (name, code) in enumerate(STREETS):
        Department.objects.get_or_create(code=code, defaults={"name": name, "kind": "street", "order": order})
