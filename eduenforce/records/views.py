from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from eduenforce.core.permissions import capability_required
from eduenforce.core.query import (
    ListQuery,
    list_filters,
    text_filter,
)
from eduenforce.records.journal import append
from eduenforce.records.models import JournalCheckpoint, JournalEntry
from eduenforce.records.verification import verify


class JournalQuery(ListQuery):
    action = text_filter("动作", 60)
    object_type = text_filter("对象类型", 60)


@capability_required("journal.read")
@list_filters(JournalQuery)
def journal(request):
    entries = JournalEntry.objects.order_by("-seq")
    action = request.GET.get("action", "").strip()
    object_type = request.GET.get("object_type", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request, "records/journal.html", {"page": page, "action": action, "object_type": object_type}
    )


@capability_required("journal.read")
def entry(request, seq):
    item = get_object_or_404(JournalEntry, seq=seq)
    return render(request, "records/entry.html", {"entry": item})


@capability_required("journal.read")
def verify_view(request):
    result = None
    if request.method == "POST":
        result = verify()
        append(
            actor=request.user,
            action="journal.verified",
            changes={"ok": result.ok, "count": result.count, "problem": result.problem},
        )
    latest = JournalCheckpoint.objects.order_by("-seq").first()
    return render(request, "records/verify.html", {"result": result, "latest": latest})
