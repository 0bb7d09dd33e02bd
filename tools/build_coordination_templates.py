"""Author the packaged .docx template of the coordination app (联席会议纪要).

Run once after changing the wording: ``.venv/bin/python tools/build_coordination_templates.py``;
commit the resulting ``eduenforce/coordination/docx/minutes.docx``. Staff may upload an
edited copy in Word to replace it (records.DocumentTemplate).
"""

from pathlib import Path

from eduenforce.core.documents import build_docx_template

DOCX_DIR = Path(__file__).resolve().parent.parent / "eduenforce" / "coordination" / "docx"

MINUTES = [
    "{{ title }}",
    "时间：{{ held_on }}    地点：{{ place }}",
    "主持：{{ chair }}    记录：{{ recorder }}",
    "参会单位及人员：",
    "{%p for a in attendees %}",
    "{{ a.department }}：{{ a.names }}",
    "{%p endfor %}",
    "{%p if absent %}",
    "缺席单位：{{ absent|join('、') }}",
    "{%p endif %}",
    "一、会议议题",
    "{%p for a in agenda %}",
    "{{ a.order }}. {{ a.title }}",
    "{%p endfor %}",
    "二、会议纪要",
    "{{ minutes }}",
    "三、议定事项及督办",
    "{%p for d in decisions %}",
    "（{{ d.order }}）{{ d.text }}",
    "{%p for i in d.actions %}",
    "    督办：{{ i.title }}；责任单位：{{ i.department }}；完成时限：{{ i.due_on }}；状态：{{ i.status }}",
    "{%p endfor %}",
    "{%p endfor %}",
    "印发日期：{{ issued_on }}",
]


def main() -> None:
    build_docx_template(DOCX_DIR / "minutes.docx", "联席会议纪要", MINUTES)
    print(f"written {DOCX_DIR / 'minutes.docx'}")


if __name__ == "__main__":
    main()
