"""The wording of the case documents (执法文书): one entry per document kind.

``tools/build_case_templates.py`` turns each entry into the packaged .docx template
(``eduenforce/cases/docx/<kind>.docx``) with ``core.documents.build_docx_template``; staff
may replace a template in Word (records.DocumentTemplate). Paragraphs are docxtpl/Jinja;
``cases.documents`` builds their context from the case. Pure data: no Django imports.
"""

from dataclasses import dataclass

from eduenforce.core.documents import DEFAULT_SIGNATURE, TableSpec, signature

SIGN = "当事人（签名）：　　　　　　　执法人员（签名）："


@dataclass(frozen=True)
class DocSpec:
    kind: str
    title: str
    paragraphs: tuple
    closing: tuple = DEFAULT_SIGNATURE

    def with_closing(self, closing: tuple) -> "DocSpec":
        return DocSpec(self.kind, self.title, self.paragraphs, closing)

    @property
    def template(self) -> str:
        return f"cases/{self.kind}.docx"


def _spec(kind: str, title: str, *paragraphs) -> DocSpec:
    """A letter to the party: signed by the agency (seal) and dated."""
    return DocSpec(kind, title, paragraphs)


def _form(kind: str, title: str, *paragraphs) -> DocSpec:
    """An internal form or record: its last line (signatures, approval) is the closing block."""
    return DocSpec(kind, title, paragraphs[:-1], signature(paragraphs[-1]))


SPECS = {
    s.kind: s
    for s in [
        _form(
            "filing_approval",
            "立案审批表",
            "案由：{{ case.cause }}",
            "案件来源：{{ source }}{% if lead_number %}（线索编号：{{ lead_number }}）{% endif %}",
            "当事人：{{ party.name }}（{{ party.kind }}）",
            "{{ party.id_label }}：{{ party.id_code }}　地址：{{ party.address }}",
            "简要案情：{{ case.summary }}",
            "立案条件审查：{% for c in conditions %}{{ c }}；{% endfor %}",
            "承办人：{{ officers_text }}",
            "承办人意见：{{ case.filing_opinion }}",
            "负责人审批意见：同意立案。审批人：{{ approver }}　{{ approved_on }}",
            "立案编号：{{ case.number }}　立案日期：{{ filed_on }}",
        ),
        _form(
            "inquiry_record",
            "询问笔录",
            "询问时间：{{ record.started }} 至 {{ record.ended }}",
            "询问地点：{{ record.place }}",
            "询问机关：{{ bureau }}",
            "询问人及执法证号：{{ record.officers }}",
            "被询问人：{{ record.subject_name }}　{{ record.subject_detail }}",
            "告知事项：我们是{{ bureau }}的执法人员，已向你出示执法证件。你有如实回答询问、协助调查的义务，"
            "也有陈述、申辩和申请执法人员回避的权利。你是否申请回避？",
            "询问内容：{{ record.content }}",
            "案由：{{ case.cause }}　案件编号：{{ case.number }}",
            "被询问人（签名）：　　　　　　　" + SIGN,
        ),
        _form(
            "inspection_record",
            "现场检查笔录",
            "检查时间：{{ record.started }} 至 {{ record.ended }}",
            "检查地点：{{ record.place }}",
            "当事人：{{ party.name }}　现场负责人：{{ record.subject_name }}　{{ record.subject_detail }}",
            "检查机关：{{ bureau }}",
            "检查人员及执法证号：{{ record.officers }}",
            "执法人员已出示执法证件，告知当事人有申请回避和陈述、申辩的权利。",
            "检查情况：{{ record.content }}",
            "案由：{{ case.cause }}　案件编号：{{ case.number }}",
            SIGN,
        ),
        _spec(
            "preservation_notice",
            "先行登记保存证据通知书",
            "{{ party.name }}：",
            "因调查{{ you }}{{ case.cause }}一案（{{ case.number }}），根据《中华人民共和国行政处罚法》第五十六条的规定，"
            "经本机关负责人批准，决定对下列物品予以先行登记保存：{{ p.items }}",
            "理由：{{ p.reason }}",
            "保存期间，当事人或者有关人员不得损毁、销毁或者转移证据。本机关将于{{ p.handle_due }}前"
            "（七个工作日内）作出处理决定。",
            "批准人：{{ approver }}　登记保存日期：{{ p.preserved_on }}",
            SIGN,
        ),
        _spec(
            "correction_notice",
            "责令改正通知书",
            "{{ party.name }}：",
            "经查，{{ you }}存在以下违法行为：{{ summary }}",
            "上述行为违反了{{ order.basis }}的规定。根据《中华人民共和国行政处罚法》第二十八条第一款的规定，"
            "责令{{ you }}于{{ order.deadline }}前改正：{{ order.content }}",
            "本机关将对改正情况进行复查。及时改正的，可依法从轻、减轻或者不予处罚；逾期不改正的，本机关将依法处理。",
            "案件编号：{{ case.number }}",
        ),
        _form(
            "investigation_report",
            "案件调查终结报告",
            "案由：{{ case.cause }}　案件编号：{{ case.number }}　立案日期：{{ filed_on }}",
            "当事人：{{ party.name }}（{{ party.kind }}）　{{ party.id_label }}：{{ party.id_code }}",
            "承办人：{{ officers_text }}",
            "调查经过：{% for r in records %}{{ r }}；{% endfor %}",
            "证据：{% for e in evidence %}{{ e }}；{% endfor %}",
            "违法事实：{{ case.conclusion_report }}",
            "裁量情节：{{ reasons_text }}",
            "裁量基准建议：{{ suggestion_text }}",
            "{% if case.deviation_reason %}偏离裁量基准的理由：{{ case.deviation_reason }}{% endif %}",
            "处理意见：{{ proposed_outcome }}{% if proposal_text %}：{{ proposal_text }}{% endif %}",
            "{% if case.is_major %}本案属重大复杂案件（{{ case.major_reason }}），应提交负责人集体讨论。{% endif %}",
        ),
        _form(
            "discussion_minutes",
            "重大复杂案件集体讨论记录",
            "案由：{{ case.cause }}　案件编号：{{ case.number }}",
            "讨论时间：{{ d.held_on }}",
            "参加讨论的局领导：{{ d.attendees }}{% if d.participants %}　列席人员：{{ d.participants }}{% endif %}",
            "须集体讨论的理由：{{ d.grounds }}",
            "承办人汇报：{{ proposal_text }}；裁量基准建议：{{ suggestion_text }}",
            "参加人员意见：{{ d.opinions }}",
            "讨论结论及理由：{{ d.minutes }}",
            "{% if case.deviation_reason %}关于偏离裁量基准（{{ case.deviation_reason }}）：{{ d.deviation }}{% endif %}",
            "结论：{{ d.result }}",
            "参加人员（签名）：",
        ),
        _spec(
            "prior_notice",
            "行政处罚事先告知书",
            "{{ party.name }}：",
            "{{ facts }}以上事实有{{ evidence_text }}等证据为证。",
            "{{ you }}的上述行为违反了{{ violation.legal_basis }}的规定。依据{{ violation.legal_basis }}，"
            "本机关拟对{{ you }}作出如下行政处罚：{{ proposal_text }}。",
            "裁量基准适用：{{ suggestion_text }}。",
            "根据《中华人民共和国行政处罚法》第四十四条、第四十五条{% if hearing_right %}、第六十三条、第六十四条{% endif %}"
            "的规定，{{ you }}有权在收到本告知书之日起五个工作日内向本机关提出陈述、申辩"
            "{% if hearing_right %}，并有权要求举行听证（{{ hearing_reasons }}）{% endif %}。"
            "逾期未提出的，视为放弃上述权利。本机关不因{{ you }}陈述、申辩而给予更重的处罚。",
            "案件编号：{{ case.number }}　联系人：{{ officers_text }}",
        ),
        _spec(
            "change_notice",
            "变更行政处罚决定事先告知书",
            "{{ party.name }}：",
            "本机关于{{ decided_on }}对你（单位）作出{{ c.old_number }}行政处罚决定：{{ c.old_penalty }}。",
            "因{{ c.reason }}，本机关拟变更上述决定，对你（单位）作出如下行政处罚：{{ c.new_penalty }}。",
            "依据：{{ violation.legal_basis }}。",
            "根据《中华人民共和国行政处罚法》第四十四条、第四十五条{% if hearing_right %}、第六十三条、第六十四条{% endif %}"
            "的规定，你（单位）有权在收到本告知书之日起五个工作日内向本机关提出陈述、申辩"
            "{% if hearing_right %}，并有权要求举行听证（{{ hearing_reasons }}）{% endif %}。"
            "逾期未提出的，视为放弃上述权利。变更决定作出并送达前，原决定继续有效。",
            "案件编号：{{ case.number }}　联系人：{{ officers_text }}",
        ),
        _spec(
            "hearing_notice",
            "听证通知书",
            "{{ party.name }}：",
            "根据{{ you }}{{ requested_on }}提出的听证申请，本机关定于{{ h.hearing_on }}在{{ h.place }}"
            "就{{ case.cause }}一案（{{ case.number }}）{{ h.public }}举行听证。",
            "听证主持人：{{ h.chair }}。{{ you }}认为主持人与本案有直接利害关系的，有权申请回避。",
            "{{ you }}可以亲自参加听证，也可以委托一至二人代理。无正当理由拒不出席听证或者未经许可中途退出听证的，"
            "视为放弃听证权利，本机关终止听证。听证不收取费用。",
        ),
        _form(
            "hearing_record",
            "听证笔录",
            "案由：{{ case.cause }}　案件编号：{{ case.number }}",
            "听证时间：{{ h.held_on }}　地点：{{ h.place }}　方式：{{ h.public }}",
            "听证主持人：{{ h.chair }}",
            "当事人到场情况：{{ h.attended }}　委托代理人：{{ h.representatives }}",
            "调查人员提出的违法事实、证据和处罚建议：{{ proposal_text }}",
            "听证记录：{{ h.record }}",
            "主持人意见：{{ h.chair_opinion }}",
            "当事人（签名）：　　　　　　　主持人（签名）：　　　　　　　记录人（签名）：",
        ),
        _form(
            "review_opinion",
            "重大执法决定法制审核意见书",
            "案由：{{ case.cause }}　案件编号：{{ case.number }}",
            "当事人：{{ party.name }}",
            "拟处理意见：{{ proposal_text }}",
            "审核内容：{% for row in checklist %}{{ row }}；{% endfor %}",
            "审核意见：{{ r.opinion }}",
            "审核结论：{{ r.result }}",
            "审核人：{{ r.reviewer }}（法律职业资格证号：{{ r.qualification }}）　{{ r.reviewed_on }}",
        ),
        _spec(
            "decision",
            "行政处罚决定书",
            "当事人：{{ party.name }}　{{ party.id_label }}：{{ party.id_code }}　地址：{{ party.address }}"
            "{% if party.representative %}　法定代表人（负责人）：{{ party.representative }}{% endif %}",
            "违法事实和证据：{{ facts }}以上事实有{{ evidence_text }}等证据证实。",
            "{{ procedure_text }}",
            "处罚种类和依据：{{ you }}的上述行为违反了{{ violation.legal_basis }}的规定。依据{{ violation.legal_basis }}，"
            "本机关决定：{{ penalty_text }}。",
            "裁量基准适用说明：{{ discretion_statement }}",
            "履行方式和期限：{{ performance_text }}",
            "救济途径和期限：如不服本决定，可以在收到本决定书之日起六十日内向{{ review_body }}申请行政复议，"
            "也可以在收到本决定书之日起六个月内依法向人民法院提起行政诉讼。行政复议或者行政诉讼期间，本决定不停止执行。",
        ).with_closing(signature("{{ bureau }}{{ seal_text }}", "{{ decided_on }}")),
        _spec(
            "spot_decision",
            "当场行政处罚决定书",
            "当事人：{{ party.name }}（{{ party.kind }}）　{{ party.id_label }}：{{ party.id_code }}",
            "违法行为：{{ case.summary }}",
            "处罚依据：{{ violation.legal_basis }}",
            "处罚种类和数额：{{ penalty_text }}",
            "时间、地点：{{ decided_on }}　{{ place }}",
            "履行方式和期限：{{ performance_text }}",
            "救济途径：如不服本决定，应当自收到本决定书之日起六十日内向{{ review_body }}申请行政复议"
            "（当场作出的行政处罚决定，应当先申请行政复议）；对复议决定不服的，可依法提起行政诉讼。",
            "执法人员及执法证号：{{ officers_text }}",
            "本决定已报所属行政机关备案。",
        ).with_closing(signature(SIGN, "{{ bureau }}{{ seal_text }}", "{{ decided_on }}")),
        _form(
            "service_receipt",
            "送达回证",
            TableSpec(
                (
                    ("案件编号", "{{ case.number }}"),
                    ("送达文书名称及文号", "{{ s.document }}（{{ s.document_number }}）"),
                    ("受送达人", "{{ party.name }}"),
                    ("送达地点", "{{ s.place }}"),
                    (
                        "送达方式",
                        "{{ s.method }}{% if s.tracking_number %}（邮件号：{{ s.tracking_number }}）{% endif %}"
                        "{% if s.electronic_address %}（电子送达地址：{{ s.electronic_address }}，已签署送达地址确认书）{% endif %}",
                    ),
                    (
                        "送达日期",
                        "{{ s.delivered_on }}{% if s.deemed %}（公告送达，{{ s.served_on }}视为送达）{% endif %}",
                    ),
                    ("签收人姓名", "{{ s.recipient }}"),
                    ("受送达人（签收人）签名", "{{ s.signature }}"),
                    ("拒收事由及见证", "{{ s.refusal }}"),
                    ("送达人（签名）", "{{ s.server }}"),
                    ("备注", "{{ s.note }}"),
                ),
                widths_mm=(50, 106),
            ),
            "送达人：{{ s.recorded_by }}",
        ),
        _spec(
            "payment_reminder",
            "行政处罚决定履行催告书",
            "{{ party.name }}：",
            "本机关于{{ decided_on }}作出《行政处罚决定书》（{{ case.decision_number }}），已于{{ served_on }}送达{{ you }}。"
            "{{ you }}应于{{ payment_due }}前缴纳，至今未履行。",
            "根据《中华人民共和国行政强制法》第三十五条、第五十四条的规定，现催告{{ you }}自收到本催告书之日起十日内履行："
            "罚款 {{ due.fine }} 元，没收违法所得 {{ due.confiscation }} 元，加处罚款（截至{{ due.on }}，逾期{{ due.days }}日，"
            "每日按罚款数额的3%，不超过罚款数额）{{ due.surcharge }} 元，合计 {{ due.total }} 元。",
            "{{ you }}有权进行陈述和申辩。逾期仍不履行的，本机关将依法申请人民法院强制执行。",
        ),
        _form(
            "closing_report",
            "结案报告",
            "案由：{{ case.cause }}　案件编号：{{ case.number }}",
            "当事人：{{ party.name }}",
            "立案日期：{{ filed_on }}　决定书：{{ case.decision_number }}　决定日期：{{ decided_on }}",
            "处理结果：{{ penalty_text }}",
            "执行情况：{{ execution_text }}",
            "结案情形：{{ ground }}",
            "结案说明：{{ case.closing_note }}",
            "承办人：{{ officers_text }}　申请人：{{ requester }}",
            "负责人审批意见：",
        ),
    ]
}
