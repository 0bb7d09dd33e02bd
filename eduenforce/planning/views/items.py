from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, get_object_for_user
from eduenforce.core.query import (
    FlagField,
    ListQuery,
    choice_filter,
    list_filters,
)
from eduenforce.core.transitions import available
from eduenforce.planning import actions
from eduenforce.planning.choices import ItemList, PublicationStatus
from eduenforce.planning.forms import ChecklistPointForm, ItemForm, NewVersionForm, ReasonForm
from eduenforce.planning.models import ChecklistPoint, EnforcementItem
from eduenforce.planning.views._common import errors_text, form_error, form_values, perform, refused


def _detail(item) -> str:
    return reverse("planning:item-detail", args=[item.pk])


def _item(request, pk, capability="planning.view"):
    return get_object_for_user(
        request.user, EnforcementItem.objects.select_related("section"), capability, pk=pk
    )


class ItemQuery(ListQuery):
    list = choice_filter("清单", ItemList.choices)
    status = choice_filter("状态", PublicationStatus.choices)
    all = FlagField("含已废止")


@capability_required("planning.view")
@list_filters(ItemQuery)
def item_list(request):
    items = EnforcementItem.objects.select_related("section")
    list_kind = request.GET.get("list", "")
    if list_kind == ItemList.RANDOM:
        items = items.filter(Q(list_kind=ItemList.RANDOM) | Q(is_random=True))
    elif list_kind == ItemList.ENTERPRISE:
        items = items.filter(Q(list_kind=ItemList.ENTERPRISE) | Q(is_enterprise=True))
    elif list_kind == ItemList.ENFORCEMENT:
        items = items.filter(list_kind=ItemList.ENFORCEMENT)
    status = request.GET.get("status", "")
    if status in PublicationStatus.values:
        items = items.filter(status=status)
    elif not request.GET.get("all"):
        items = items.exclude(status=PublicationStatus.SUPERSEDED)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "planning/item_list.html",
        {
            "page": page,
            "lists": ItemList.choices,
            "statuses": PublicationStatus.choices,
            "list_kind": list_kind,
            "status": status,
        },
    )


@capability_required("planning.manage")
def item_create(request):
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = actions.do_create_item(by=request.user, values=form_values(form))
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, "事项已保存为草稿，请补充检查要点后公布")
            return redirect("planning:item-detail", pk=item.pk)
    return render(request, "planning/item_form.html", {"form": form})


@capability_required("planning.view")
def item_detail(request, pk):
    item = _item(request, pk)
    can = available(item, request.user, actions.ITEM_TRANSITIONS)
    return render(
        request,
        "planning/item_detail.html",
        {
            "item": item,
            "points": item.points.all(),
            "versions": EnforcementItem.objects.filter(code=item.code).order_by("-version"),
            "point_form": ChecklistPointForm(initial={"order": item.points.count() + 1})
            if can["edit_item"]
            else None,
            "version_form": NewVersionForm(),
            "withdraw_form": ReasonForm(),
            "can": can,
        },
    )


@capability_required("planning.manage")
def item_edit(request, pk):
    item = _item(request, pk, "planning.manage")
    if stop := refused(request, actions.EDIT_ITEM, item, _detail(item)):
        return stop
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_edit_item(item, by=request.user, values=form_values(form))
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, "已保存")
            return redirect("planning:item-detail", pk=item.pk)
    return render(request, "planning/item_form.html", {"form": form, "item": item})


@require_POST
@capability_required("planning.manage")
def point_add(request, pk):
    item = _item(request, pk, "planning.manage")
    if stop := refused(request, actions.EDIT_ITEM, item, _detail(item)):
        return stop
    form = ChecklistPointForm(request.POST)
    if not form.is_valid():
        messages.error(request, "检查要点未保存：" + errors_text(form))
        return redirect(_detail(item))
    point = form.save(commit=False)
    return perform(
        request, lambda: actions.do_add_point(item, point, by=request.user), "已添加检查要点", _detail(item)
    )


@require_POST
@capability_required("planning.manage")
def point_delete(request, pk, point_pk):
    item = _item(request, pk, "planning.manage")
    point = get_object_or_404(ChecklistPoint, pk=point_pk, item=item)
    return perform(
        request,
        lambda: actions.do_remove_point(item, point, by=request.user),
        "已删除检查要点",
        _detail(item),
    )


@require_POST
@capability_required("planning.manage")
def item_publish(request, pk):
    item = _item(request, pk, "planning.manage")
    return perform(
        request,
        lambda: actions.do_publish_item(item, by=request.user),
        "事项已公布，已在公示平台发布",
        _detail(item),
    )


@require_POST
@capability_required("planning.manage")
def item_new_version(request, pk):
    item = _item(request, pk, "planning.manage")
    form = NewVersionForm(request.POST)
    note = form.cleaned_data["change_note"] if form.is_valid() else ""
    try:
        copy = actions.do_new_version(item, by=request.user, change_note=note)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(_detail(item))
    messages.success(request, "已生成新版本草稿，修改后公布即替代现行版本")
    return redirect(_detail(copy))


@require_POST
@capability_required("planning.manage")
def item_withdraw(request, pk):
    item = _item(request, pk, "planning.manage")
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return perform(
        request,
        lambda: actions.do_withdraw_item(item, by=request.user, reason=reason),
        "事项已撤回",
        _detail(item),
    )
