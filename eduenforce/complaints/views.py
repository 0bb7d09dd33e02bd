"""Staff pages: the complaint register, intake by phone/counter/transfer, and handling."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from eduenforce.complaints import actions, forms, stats
from eduenforce.complaints.choices import IN_HAND_STATUSES, MatterType, Source, Status
from eduenforce.complaints.models import Complaint
from eduenforce.complaints.services import match_institution, register_complaint, reissue_code
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, has_capability, require
from eduenforce.core.query import (
    FlagField,
    ListQuery,
    choice_filter,
    list_filters,
    text_filter,
)
from eduenforce.records.journal import append
from eduenforce.records.models import JournalEntry

JOURNAL_LABELS = {
    "complaint.received": "收到投诉",
    "complaint.accepted": "受理",
    "complaint.rejected": "不予受理",
    "complaint.assigned": "分派承办人",
    "complaint.extended": "延长答复期限",
    "complaint.replied": "办结答复",
    "complaint.rated": "满意度评价",
    "complaint.institution_linked": "关联监管对象",
    "complaint.handling_recorded": "办理（检查/线索/移送）",
    "complaint.notice_recorded": "告知投诉人",
    "complaint.duplicates_linked": "关联重复投诉",
    "complaint.identity_viewed": "查看投诉人信息",
    "complaint.attachment_viewed": "查看附件",
    "complaint.code_reissued": "重新生成查询码",
    "authz.denied": "越权访问被拒绝",
}


def _complaint(pk) -> Complaint:
    return get_object_or_404(
        Complaint.objects.select_related("institution", "street", "handler", "source_department"), pk=pk
    )


def _put_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


class ComplaintQuery(ListQuery):
    status = choice_filter("状态", Status.choices)
    source = choice_filter("来源", Source.choices)
    matter = choice_filter("事项类型", MatterType.choices)
    q = text_filter("受理编号或机构名称")
    overdue = FlagField("已超期")
    mine = FlagField("我承办的")


@capability_required("complaints.view")
@list_filters(ComplaintQuery)
def complaint_list(request):
    qs = Complaint.objects.select_related("institution", "handler", "street")
    status, source, matter = (
        request.GET.get("status", ""),
        request.GET.get("source", ""),
        request.GET.get("matter", ""),
    )
    query = request.GET.get("q", "").strip()
    if status in Status.values:
        qs = qs.filter(status=status)
    if source in Source.values:
        qs = qs.filter(source=source)
    if matter in MatterType.values:
        qs = qs.filter(matter_type=matter)
    if request.GET.get("overdue"):
        qs = qs.overdue()
    if request.GET.get("mine"):
        qs = qs.handled_by(request.user)
    if query:
        qs = qs.filter(Q(tracking_number__iexact=query) | Q(institution_name__icontains=query))
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "complaints/list.html",
        {
            "page": page,
            "statuses": Status.choices,
            "sources": Source.choices,
            "matters": MatterType.choices,
            "f": {
                "status": status,
                "source": source,
                "matter": matter,
                "q": query,
                "overdue": request.GET.get("overdue", ""),
                "mine": request.GET.get("mine", ""),
            },
        },
    )


@capability_required("complaints.handle")
def complaint_create(request):
    form = forms.StaffComplaintForm(
        request.POST or None,
        request.FILES or None,
        search_url=reverse("portal:complaints:institution-search"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            complaint, code = register_complaint(by=request.user, **form.intake_kwargs())
        except DomainError as exc:
            _put_error(form, exc)
        else:
            messages.success(
                request,
                f"已登记，受理编号 {complaint.tracking_number}，查询码 {code}"
                "（查询码只显示这一次，请告知投诉人凭此查询办理进度）",
            )
            return redirect("complaints:detail", pk=complaint.pk)
    return render(request, "complaints/create.html", {"form": form})


def _action_forms(complaint: Complaint, user, bound: dict) -> dict:
    """The forms the user may use on this complaint in its state (``bound`` replaces one with errors)."""
    out = {}
    triage = has_capability(user, "complaints.triage")
    handle = complaint.may_handle(user)
    if triage and complaint.status == Status.RECEIVED:
        out["accept"], out["reject"] = forms.AcceptForm(), forms.RejectForm()
    if triage and complaint.status in IN_HAND_STATUSES:
        out["assign"] = forms.AssignForm(initial={"handler": complaint.handler_id})
        if not complaint.extended_days:
            out["extend"] = forms.ExtendForm()
    if (triage or handle) and complaint.status in (Status.RECEIVED, *IN_HAND_STATUSES):
        out["link"] = forms.LinkInstitutionForm(initial={"institution_name": complaint.institution_name})
    if handle and complaint.status == Status.HANDLING:
        out["inspection"] = forms.InspectionForm()
        out["lead"] = forms.LeadForm(
            initial={"summary": f"{complaint.get_matter_type_display()}：{complaint.institution_name}"}
        )
        out["refer"] = forms.ReferForm(
            initial={
                "subject": f"关于{complaint.institution_name}的投诉举报",
                "content": actions.referral_draft(complaint),
            }
        )
        out["reply"] = forms.ReplyForm()
    if handle and complaint.status == Status.REPLIED and not complaint.satisfaction:
        out["rate"] = forms.RateForm()
    out.update(bound)
    return out


def _detail(request, complaint: Complaint, bound: dict | None = None, status: int = 200):
    from eduenforce.coordination.models import Referral

    journal = JournalEntry.objects.filter(
        object_type=complaint._meta.label_lower, object_id=str(complaint.pk)
    )
    return render(
        request,
        "complaints/detail.html",
        {
            "c": complaint,
            "group": complaint.group() if complaint.duplicate_of_id or complaint.duplicates.exists() else [],
            "handlings": complaint.handlings.select_related(
                "inspection_task", "case_lead", "referral__to_department"
            ),
            "referrals": Referral.objects.for_source(complaint).select_related("to_department"),
            "notices": complaint.notices.all(),
            "attachments": complaint.attachments.all(),
            "may_see_identity": complaint.identity_visible_to(request.user),
            "may_triage": has_capability(request.user, "complaints.triage"),
            "forms": _action_forms(complaint, request.user, bound or {}),
            "timeline": [(e, JOURNAL_LABELS.get(e.action, e.action)) for e in journal.order_by("seq")],
            "today": timezone.localdate(),
        },
        status=status,
    )


@capability_required("complaints.view")
def complaint_detail(request, pk):
    return _detail(request, _complaint(pk))


@capability_required("complaints.view_identity")
def complaint_identity(request, pk):
    """The complainant's identity, for the handler and section heads; every viewing is journaled."""
    complaint = _complaint(pk)
    if not complaint.identity_visible_to(request.user):
        append(actor=request.user, action="authz.denied", obj=complaint, changes={"capability": "identity"})
        raise PermissionDenied("仅承办人和科室负责人可查看投诉人信息")
    append(actor=request.user, action="complaint.identity_viewed", obj=complaint)
    return render(request, "complaints/identity.html", {"c": complaint})


@capability_required("complaints.view_identity")
def attachment_download(request, pk, attachment_pk):
    """Attachments may show who complained: the same rule as the identity."""
    complaint = _complaint(pk)
    if not complaint.identity_visible_to(request.user):
        raise PermissionDenied("仅承办人和科室负责人可查看投诉附件")
    attachment = get_object_or_404(complaint.attachments, pk=attachment_pk)
    append(
        actor=request.user,
        action="complaint.attachment_viewed",
        obj=complaint,
        changes={"attachment": attachment.pk, "sha256": attachment.sha256},
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _run(request, complaint, form_name: str, form, action):
    """Validate ``form``, run ``action(cleaned_data)``; on failure show the page with what was typed."""
    if form.is_valid():
        try:
            message = action(form.cleaned_data)
        except DomainError as exc:
            _put_error(form, exc)
        else:
            messages.success(request, message)
            return redirect("complaints:detail", pk=complaint.pk)
    return _detail(request, _complaint(complaint.pk), {form_name: form}, status=400)


def _handling_complaint(request, pk) -> Complaint:
    complaint = _complaint(pk)
    if not complaint.may_handle(request.user):
        raise PermissionDenied("仅承办人和科室负责人可办理本件")
    return complaint


@require_POST
@capability_required("complaints.triage")
def accept(request, pk):
    c = _complaint(pk)
    return _run(
        request,
        c,
        "accept",
        forms.AcceptForm(request.POST),
        lambda d: (
            c.accept(by=request.user, notice_channel=d["notice_channel"])
            and f"已受理，答复期限 {c.reply_due:%Y-%m-%d}"
        ),
    )


@require_POST
@capability_required("complaints.triage")
def reject(request, pk):
    c = _complaint(pk)
    return _run(
        request,
        c,
        "reject",
        forms.RejectForm(request.POST),
        lambda d: (
            c.reject(by=request.user, reason=d["reason"], notice_channel=d["notice_channel"])
            and "已作出不予受理决定"
        ),
    )


@require_POST
@capability_required("complaints.triage")
def assign(request, pk):
    c = _complaint(pk)
    return _run(
        request,
        c,
        "assign",
        forms.AssignForm(request.POST),
        lambda d: c.assign(handler=d["handler"], by=request.user) and f"已分派给 {d['handler']}",
    )


@require_POST
@capability_required("complaints.triage")
def extend(request, pk):
    c = _complaint(pk)
    return _run(
        request,
        c,
        "extend",
        forms.ExtendForm(request.POST),
        lambda d: (
            c.extend(days=d["days"], reason=d["reason"], by=request.user, notice_channel=d["notice_channel"])
            and f"答复期限已延长至 {c.reply_due:%Y-%m-%d}"
        ),
    )


@require_POST
@capability_required("complaints.handle")
def link_institution(request, pk):
    c = _complaint(pk)
    if not (has_capability(request.user, "complaints.triage") or c.may_handle(request.user)):
        raise PermissionDenied("仅承办人和科室负责人可关联机构")

    def run(d):
        institution = match_institution(d["institution_name"])
        if institution is None:
            raise DomainError("监管对象库中没有唯一与此名称一致的机构，请核对名称", field="institution_name")
        c.link_institution(institution=institution, by=request.user)
        return f"已关联机构：{institution.name}"

    return _run(request, c, "link", forms.LinkInstitutionForm(request.POST), run)


@require_POST
@capability_required("complaints.handle")
def create_inspection(request, pk):
    c = _handling_complaint(request, pk)
    form = forms.InspectionForm(request.POST)
    return _run(
        request,
        c,
        "inspection",
        form,
        lambda d: (
            actions.do_create_inspection(
                c,
                item=d["item"],
                planned_date=d["planned_date"],
                officers=form.ordered_officers(),
                by=request.user,
                urgent=d["urgent"],
                urgent_reason=d["urgent_reason"],
                cap_reason=d["cap_reason"],
            ).note
        ),
    )


@require_POST
@capability_required("complaints.handle")
def register_lead(request, pk):
    c = _handling_complaint(request, pk)
    require(request.user, "cases.investigate")
    return _run(
        request,
        c,
        "lead",
        forms.LeadForm(request.POST),
        lambda d: actions.do_register_lead(c, summary=d["summary"], by=request.user).note,
    )


@require_POST
@capability_required("complaints.handle")
def refer(request, pk):
    c = _handling_complaint(request, pk)
    return _run(
        request,
        c,
        "refer",
        forms.ReferForm(request.POST),
        lambda d: (
            actions.do_refer(
                c,
                to_department=d["to_department"],
                subject=d["subject"],
                content=d["content"],
                by=request.user,
            ).note
        ),
    )


@require_POST
@capability_required("complaints.handle")
def reply(request, pk):
    c = _handling_complaint(request, pk)
    return _run(
        request,
        c,
        "reply",
        forms.ReplyForm(request.POST),
        lambda d: (
            c.reply(text=d["text"], finding=d["finding"], by=request.user, notice_channel=d["notice_channel"])
            and "已办结答复"
        ),
    )


@require_POST
@capability_required("complaints.handle")
def rate(request, pk):
    c = _handling_complaint(request, pk)
    return _run(
        request,
        c,
        "rate",
        forms.RateForm(request.POST),
        lambda d: (
            c.rate(satisfaction=d["satisfaction"], comment=d["comment"], by=request.user) and "已记录回访评价"
        ),
    )


@require_POST
@capability_required("complaints.triage")
def new_code(request, pk):
    c = _complaint(pk)
    code = reissue_code(c, by=request.user)
    messages.success(request, f"新的查询码：{code}（只显示这一次，原查询码已失效）")
    return redirect("complaints:detail", pk=c.pk)


class StatsQuery(ListQuery, forms.StatsForm):
    pass


@capability_required("complaints.view")
@list_filters(StatsQuery)
def statistics(request):
    form = forms.StatsForm(request.GET or None)
    year = form.year_or_current()
    return render(request, "complaints/stats.html", {"form": form, "s": stats.summary(year), "year": year})
