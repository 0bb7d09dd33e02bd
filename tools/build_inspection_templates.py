"""Author the packaged .docx templates of the inspections app (run once; commit the result).

    .venv/bin/python tools/build_inspection_templates.py

Staff replace them with edited copies through 文书模板 (records.DocumentTemplate); the names
inside ``{{ … }}`` are the contexts of ``eduenforce.inspections.documents``.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eduenforce.core.documents import TableSpec, build_docx_template, signature  # noqa: E402

DOCX = ROOT / "eduenforce" / "inspections" / "docx"

NOTICE = [
    "{{ institution.name }}：",
    "根据{{ item.legal_basis }}的规定，本局决定于{{ planned_date }}对你单位开展“{{ item.name }}”行政检查"
    "（任务来源：{{ source }}{% if is_joint %}，联合检查{% endif %}；任务编号 {{ task_number }}）。",
    "检查人员及行政执法证号：",
    TableSpec(
        (
            ("姓名", "行政执法证号"),
            ("{%tr for m in team %}",),
            ("{{ m.name }}", "{{ m.certificate }}"),
            ("{%tr endfor %}",),
        ),
        widths_mm=(50, 106),
    ),
    "{%p if partners %}",
    "联合检查部门人员：{{ partners }}",
    "{%p endif %}",
    "请你单位予以配合，如实提供有关资料。检查人员应当出示行政执法证件，未出示的，你单位有权拒绝检查。"
    "你单位认为检查人员与本次检查有直接利害关系的，可以申请回避。",
]

RECORD = [
    TableSpec(
        (
            ("检查时间", "{{ started }} 至 {{ ended }}"),
            ("检查地点", "{{ place }}"),
            ("被检查单位", "{{ institution.name }}（统一社会信用代码：{{ institution.credit_code }}）"),
            ("当事人代表", "{{ representative }}　{{ representative_position }}"),
            ("检查机关", "{{ bureau }}"),
            ("检查事项", "{{ item.name }}"),
            (
                "检查人员",
                "{% for m in team %}{{ m.name }}（行政执法证号：{{ m.certificate }}）{% if not loop.last %}；"
                "{% endif %}{% endfor %}{% if partners %}；联合检查部门人员：{{ partners }}{% endif %}",
            ),
        ),
        widths_mm=(36, 120),
    ),
    "检查人员已出示行政执法证件，告知当事人有申请回避、陈述和申辩的权利。",
    "检查要点：",
    TableSpec(
        (
            ("序号", "检查内容", "结论", "说明"),
            ("{%tr for r in results %}",),
            (
                "{{ r.order }}",
                "{{ r.text }}",
                "{{ r.result }}{% if r.spot %}（已现场整改）{% endif %}",
                "{{ r.note }}",
            ),
            ("{%tr endfor %}",),
        ),
        widths_mm=(14, 82, 30, 30),
    ),
    "发现隐患：{% if not hazards %}无{% endif %}",
    "{%p if hazards %}",
    TableSpec(
        (
            ("序号", "类别", "描述", "处理"),
            ("{%tr for h in hazards %}",),
            (
                "{{ loop.index }}",
                "{{ h.category }}·{{ h.severity }}",
                "{{ h.description }}{% if h.location %}（位置：{{ h.location }}）{% endif %}",
                "{% if h.on_spot %}已现场整改：{{ h.spot_measure }}{% else %}责令限期整改{% endif %}",
            ),
            ("{%tr endfor %}",),
        ),
        widths_mm=(14, 30, 72, 40),
    ),
    "{%p endif %}",
    "检查情况：{{ findings }}",
    "{%p if correction_reason %}",
    "更正说明：本笔录为第{{ version }}版，更正理由：{{ correction_reason }}",
    "{%p endif %}",
    "笔录内容完整性校验值（SM3）：{{ content_sm3 }}",
]
RECORD_SIGNATURE = signature(
    "当事人签名：{% if party_refused %}当事人拒绝签字，见证人：{{ witness }}{% else %}（电子签名，见执法全过程记录）{% endif %}",
    "执法人员签名：（电子签名，见执法全过程记录）",
)

ORDER = [
    "{{ institution.name }}：",
    "本局于{{ inspected_on }}对你单位进行检查（任务编号 {{ task_number }}），发现存在以下问题（隐患）：",
    "{%p for h in hazards %}",
    "{{ loop.index }}. 【{{ h.category }}】{{ h.description }}{% if h.location %}（位置：{{ h.location }}）{% endif %}",
    "{%p endfor %}",
    "依据{{ legal_basis }}的规定，现责令你单位于{{ due_on }}前（{{ working_days }}个工作日内）整改完毕。整改要求：",
    "{{ requirements }}",
    "整改期满后本局将进行复查。逾期未整改或者整改不到位的，本局将依法立案查处。",
    "如不服本通知，可以自收到本通知之日起六十日内向{{ review_body }}申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。",
]


def main() -> None:
    build_docx_template(DOCX / "notice.docx", "行政检查通知书", NOTICE)
    build_docx_template(DOCX / "record.docx", "现场检查笔录", RECORD, closing=RECORD_SIGNATURE)
    build_docx_template(DOCX / "order.docx", "责令限期整改通知书", ORDER)
    print(f"written to {DOCX}")


if __name__ == "__main__":
    main()
