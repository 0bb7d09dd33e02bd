"""Leads (线索), opening the 立案审查, and the on-the-spot procedure."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from eduenforce.cases import actions, carry, forms, services
from eduenforce.cases.actions.filing import CONDITIONS
from eduenforce.cases.choices import LeadStatus, PartyKind
from eduenforce.cases.models import CaseLead
from eduenforce.cases.views.flow import _add_error
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability
from eduenforce.core.query import (
    ListQuery,
    choice_filter,
    list_filters,
)
from eduenforce.officers.models import Officer


class LeadQuery(ListQuery):
    status = choice_filter("状态", LeadStatus.choices)


@capability_required("cases.view")
@list_filters(LeadQuery)
def lead_list(request):
    qs = CaseLead.objects.select_related("institution", "registered_by", "case")
    status = request.GET.get("status", "")
    if status in LeadStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/lead_list.html",
        {
            "page": page,
            "statuses": LeadStatus.choices,
            "status": status,
            "can_investigate": has_capability(request.user, "cases.investigate"),
        },
    )


@capability_required("cases.investigate")
def lead_new(request):
    form = forms.LeadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lead = services.register_lead(
                source=data["source"],
                summary=data["summary"],
                by=request.user,
                institution=data["institution"],
                party_name=data["party_name"].strip(),
            )
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, f"已登记线索 {lead.number}")
            return redirect("cases:leads")
    return render(request, "cases/form_page.html", {"form": form, "title": "登记案件线索"})


@capability_required("cases.investigate")
def open_review(request, pk: int):
    lead = get_object_for_user(
        request.user, CaseLead.objects.select_related("institution"), "cases.investigate", pk=pk
    )
    initial = {
        "party_kind": PartyKind.ORGANISATION if lead.institution else PartyKind.PERSON,
        "party_name": lead.party_name,
        "summary": lead.summary,
        "lead_officer": Officer.objects.filter(user=request.user).first(),
    }
    team = carry.proposed_officers(lead)  # 移送立案: the inspection's officers carry into the case
    if team:
        initial["officers"] = [o.pk for o in team]
    form = forms.FilingReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        conditions = {name: data.pop(name) for name in CONDITIONS}
        try:
            case = actions.do_open_filing_review(lead, by=request.user, conditions=conditions, **data)
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, "已提交立案审批")
            return redirect("cases:detail", pk=case.pk)
    return render(
        request, "cases/form_page.html", {"form": form, "title": f"立案审查：{lead.number}", "lead": lead}
    )


@capability_required("cases.investigate")
def spot_penalty(request):
    form = forms.SpotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.do_on_the_spot_penalty(by=request.user, **form.cleaned_data)
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, f"已作出当场处罚决定 {case.decision_number}")
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/form_page.html",
        {
            "form": form,
            "title": "当场行政处罚（简易程序）",
            "intro": "仅适用于违法事实确凿并有法定依据、对自然人处 200 元以下、对法人或其他组织处 3,000 元以下罚款或者警告的情形"
            "（行政处罚法第51条）。决定书当场交付当事人并报本机关备案。",
        },
    )
