"""What the public sees of each publication kind: an allow-list of fields, each with a type.

Publishing is by allow-list, not by redaction (issue 21): ``portal.services.publish`` keeps
only the fields declared here for the kind (a key an app passes that is not declared is
dropped), and the pages, feeds, API and CSV show only declared fields, in this order, under
these Chinese labels. The type decides what happens to a value:

- ``ID`` and ``URL``: identifiers (public ids, document numbers, credit codes, hashes, seeds)
  and links. Never masked: masking an identifier breaks links, feeds and verification.
- ``TEXT``: short text generated from records (a name of an organisation, a legal basis, a
  result). Masked.
- ``FREE``: free text an officer wrote (facts, notes, reasons). Masked, and published only
  once a reviewer has read it and confirmed that no person named in the case remains
  (``portal.services.confirm_text``).
- ``INT``, ``NUMBER`` (amounts), ``BOOL``, ``DATE``, ``DATETIME``: typed values; the API gives
  numbers as numbers and ``null`` when absent.
- ``TEXTS`` (a list of text), ``TABLE`` (a list of rows of text and numbers) and ``JSON`` (any
  structure, for example strata): every string inside is masked.

Some apps name fields in Chinese (the inspection results); ``aliases`` maps those names to
the declared English key so that every kind speaks snake_case to outside developers.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from eduenforce.portal.choices import PublicationKind as K

ID, URL, TEXT, FREE = "id", "url", "text", "free_text"
INT, NUMBER, BOOL, DATE, DATETIME = "integer", "number", "boolean", "date", "datetime"
TEXTS, TABLE, JSON = "texts", "table", "json"
MASKED = {TEXT, FREE, TEXTS, TABLE, JSON}
TYPE_LABELS = {
    ID: "标识（字符串，原样公开）",
    URL: "链接",
    TEXT: "文本",
    FREE: "文本（经审核人确认后公开）",
    INT: "整数",
    NUMBER: "数值",
    BOOL: "是/否",
    DATE: "日期（YYYY-MM-DD）",
    DATETIME: "日期时间（ISO 8601）",
    TEXTS: "文本列表",
    TABLE: "表格（对象列表）",
    JSON: "结构化数据",
}


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()

    @property
    def masked(self) -> bool:
        return self.type in MASKED

    @property
    def free(self) -> bool:
        return self.type == FREE


def _f(key, label, type_, *aliases) -> Field:
    return Field(key, label, type_, tuple(aliases))


KIND_FIELDS: dict[str, tuple[Field, ...]] = {
    K.ITEM_LIST: (
        _f("code", "事项编码", ID),
        _f("version", "版本", INT),
        _f("name", "事项名称", TEXT),
        _f("lists", "所属清单", TEXT),
        _f("legal_basis", "实施依据", TEXT),
        _f("section", "实施科室", TEXT),
        _f("object_kinds", "检查对象类别", TEXTS),
        _f("method", "检查方式", TEXT),
        _f("is_random", "纳入双随机抽查", BOOL),
        _f("is_enterprise", "涉企检查事项", BOOL),
        _f("annual_cap", "年度检查次数上限", INT),
        _f("checklist", "检查要点", TABLE),
    ),
    K.ANNUAL_PLAN: (
        _f("year", "年度", INT),
        _f("lines", "计划明细", TABLE),
    ),
    K.CAMPAIGN: (
        _f("public_id", "专项检查编号", ID),
        _f("starts_on", "开始日期", DATE),
        _f("ends_on", "结束日期", DATE),
        _f("organizer", "牵头单位", TEXT),
        _f("partners", "联合部门", TEXTS),
        _f("items", "检查事项", TEXTS),
        _f("approved_at", "批准时间", DATETIME),
    ),
    K.SAMPLING_PLAN: (
        _f("plan", "抽查计划编号", ID),
        _f("draw", "抽取编号", ID),
        _f("commitment", "种子承诺值（SM3）", ID),
        _f("draw_date", "抽取日期", DATE),
        _f("item", "检查事项", JSON),
        _f("period", "检查期间", JSON),
        _f("kind", "抽查类型", TEXT),
        _f("team_size", "每组人数", INT),
        _f("required_departments", "联合部门", TEXTS),
        _f("strata", "分层", JSON),
        _f("redraw_reason", "重抽理由", FREE),
        _f("url", "详情页", URL),
    ),
    K.DRAW: (
        _f("draw", "抽取编号", ID),
        _f("plan", "抽查计划编号", ID),
        _f("commitment", "种子承诺值（SM3）", ID),
        _f("seed", "随机种子", ID),
        _f("public_entropy", "公共随机源", ID),
        _f("final", "最终种子", ID),
        _f("selected", "抽中数量", INT),
        _f("document_sm3", "抽取数据 SM3", ID),
        _f("notes", "说明", FREE),
        _f("url", "详情页", URL),
        _f("json_url", "抽取数据（JSON）", URL),
    ),
    K.INSPECTION_RESULT: (
        _f("institution", "检查对象", TEXT, "检查对象"),
        _f("credit_code", "统一社会信用代码", ID, "统一社会信用代码"),
        _f("inspected_on", "检查日期", DATE, "检查日期"),
        _f("item", "检查事项", TEXT, "检查事项"),
        _f("method", "检查方式", TEXT, "检查方式"),
        _f("result", "检查结果", TEXT, "检查结果"),
        _f("rectification", "整改情况", TEXT, "整改情况"),
    ),
    K.DECISION: (
        _f("decision_number", "决定书文号", ID, "number"),
        _f("party", "当事人", TEXT, "party_name"),
        _f("party_kind", "当事人类型", TEXT),
        _f("credit_code", "统一社会信用代码", ID),
        _f("violation_code", "违法行为编码", ID),
        _f("violation", "违法行为", TEXT),
        _f("article", "违反条款", TEXT),
        _f("legal_basis", "处罚依据", TEXT),
        _f("facts", "主要违法事实", FREE),
        _f("penalty", "处罚内容", TEXT),
        _f("penalty_kinds", "处罚种类", TEXTS),
        _f("fine_amount", "罚款金额（元）", NUMBER, "fine"),
        _f("confiscation_amount", "没收违法所得（元）", NUMBER),
        _f("decided_on", "决定日期", DATE),
        _f("street", "街道", TEXT),
        _f("discretion", "裁量说明", TEXT),
    ),
    K.REPORT: (
        _f("figures", "统计数据", JSON),
        _f("pdf_sha256", "报告 PDF 的 SHA-256", ID),
    ),
    K.CATALOGUE: (
        _f("version", "版本", INT),
        _f("effective_from", "施行日期", DATE),
        _f("violations", "违法行为及裁量阶次", TABLE),
    ),
    K.NEWS: (),
    K.INTERPRETATION: (),
}

# Free text outside ``fields`` that also waits for the reviewer: the body of these kinds
# (written by officers about a case or an inspection). Articles are reviewed as a whole by
# their own approval; reports and lists are generated.
FREE_BODY_KINDS = {K.DECISION, K.INSPECTION_RESULT, K.SAMPLING_PLAN, K.DRAW}


def declared(kind: str) -> tuple[Field, ...]:
    return KIND_FIELDS.get(kind, ())


def field(kind: str, key: str) -> Field | None:
    return next((f for f in declared(kind) if f.key == key), None)


def allowed(kind: str, values: dict | None) -> dict:
    """Only the declared fields of ``kind``, under their declared keys, in declared order."""
    values = values if isinstance(values, dict) else {}
    out = {}
    for spec in declared(kind):
        for name in (spec.key, *spec.aliases):
            if name in values:
                out[spec.key] = values[name]
                break
    return out


def typed(spec: Field, value):
    """A stored value as the API gives it: numbers as numbers, ``None`` when absent."""
    if value in (None, "") and spec.type not in (TEXTS, TABLE, JSON):
        return None
    if spec.type == INT:
        try:
            return int(value)
        except (TypeError, ValueError):
            return None
    if spec.type == NUMBER:
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return None
        return int(number) if number == number.to_integral_value() else float(number)
    if spec.type == BOOL:
        return bool(value) if not isinstance(value, str) else value.lower() in ("1", "true", "是", "yes")
    if spec.type in (DATE, DATETIME):
        if isinstance(value, datetime | date):
            return value.isoformat()
        return str(value)
    if spec.type in (ID, URL, TEXT, FREE):
        return str(value)
    if spec.type == TEXTS:
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value] if isinstance(value, list | tuple) else None
    if spec.type == TABLE:
        return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else None
    return value


# Chinese names of the keys inside tables and structures (checklists, plan lines, strata…).
COLUMN_LABELS = {
    "order": "序号",
    "text": "内容",
    "legal_basis": "依据",
    "hazard_category": "隐患类别",
    "required": "必查",
    "item": "检查事项",
    "item_code": "事项编码",
    "object_kind": "对象类别",
    "quarter": "季度",
    "target": "检查对象",
    "planned_count": "计划数（家次）",
    "code": "编码",
    "version": "版本",
    "name": "名称",
    "article": "条款",
    "title": "违法行为",
    "statutory_penalty": "法定罚则",
    "tiers": "裁量阶次",
    "severity": "情节",
    "tier": "阶次",
    "conditions": "适用条件",
    "range": "处罚幅度",
    "kinds": "种类",
    "measures": "措施",
    "label": "分层",
    "risk_classes": "风险等级",
    "streets": "街道",
    "ratio": "比例",
    "count": "数量",
}


def register_labels(labels: dict) -> None:
    """Higher apps add the Chinese names of the keys they publish in structures (the reports
    app its figures) from their ``AppConfig.ready()``; portal imports none of them."""
    COLUMN_LABELS.update({str(k): str(v) for k, v in labels.items()})


def _column_label(key) -> str:
    return COLUMN_LABELS.get(str(key), str(key))


def _flat(value) -> str:
    """Any nested value as one readable line of Chinese text."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return "—"
    if isinstance(value, dict):
        return "；".join(f"{_column_label(k)}：{_flat(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        if all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in value):
            return "、".join(str(v) for v in value)
        return "\n".join(_flat(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class Table:
    headers: list
    rows: list


def display(spec: Field, value):
    """A value as the public page shows it (text, or a ``Table``); ``None`` hides the row."""
    value = typed(spec, value)
    if value is None or value == [] or value == {} or value == "":
        return None
    if spec.type == BOOL:
        return "是" if value else "否"
    if spec.type == NUMBER:
        return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"
    if spec.type == DATETIME:
        return value.replace("T", " ")[:16]
    if spec.type == TABLE and isinstance(value, list) and all(isinstance(r, dict) for r in value):
        keys = list(dict.fromkeys(k for r in value for k in r))
        return Table([_column_label(k) for k in keys], [[_flat(r.get(k, "")) for k in keys] for r in value])
    if spec.type in (TEXTS, TABLE, JSON):
        return _flat(value)
    return value


def rows(publication) -> list[tuple[Field, object]]:
    """(field, value) of the fields a public page shows, declared order, empty ones left out.
    A free-text field waiting for the reviewer is left out too."""
    pending = set(getattr(publication, "pending_text", None) or ())
    values = allowed(publication.kind, publication.fields)
    out = []
    for spec in declared(publication.kind):
        if spec.key not in values or spec.key in pending:
            continue
        shown = display(spec, values[spec.key])
        if shown is not None:
            out.append((spec, shown))
    return out


def label(kind: str | None, key: str) -> str:
    """The Chinese label of ``key`` (for revision rows and CSV headers)."""
    from eduenforce.portal.choices import FIELD_LABELS

    spec = field(kind, key) if kind else None
    return spec.label if spec else FIELD_LABELS.get(key, key)
