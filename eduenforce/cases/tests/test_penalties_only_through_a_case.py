"""The lawful path of a penalty that changes an institution: a case decision, served, writes 吊销 and
停止招生 into the registry (journaled, same transaction); and 移送立案 from an inspection carries its
笔录 and evidence files into the case (same SHA-256, custody extended) so it can 调查终结."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from eduenforce.cases import actions as A
from eduenforce.cases.choices import EvidenceKind, Severity
from eduenforce.inspections import actions as inspections
from eduenforce.inspections.tests.factories import fill_record, image_file, started_task
from eduenforce.records import evidence
from eduenforce.records.models import CustodyAction, EvidenceFile, JournalEntry
from eduenforce.registry.choices import InstitutionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files")},
        },
    }


def _decided(flow, kinds):
    institution = flow.institution
    institution.licence_number, institution.licence_expires = "教民9", date(2030, 1, 1)
    institution.save()
    case = flow.investigated("53-20", corrected=False)
    flow.conclude(
        case,
        kinds=kinds,
        gains=None,
        confiscation=None,
        severity=Severity.SERIOUS,
        deviation_reason="情节严重且拒不改正，依法从重",
    )
    flow.notified(case)
    A.do_waive_rights(case, by=flow.investigator, waived_on=timezone.localdate(), note="当事人书面放弃")
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    case.refresh_from_db()
    return flow.decide(case, measures="责令改正")


def test_a_served_decision_revokes_the_licence_and_stops_enrolment_in_the_registry_journaled(flow):
    case = _decided(flow, ["warning", "stop_enrolment", "revoke_licence"])
    institution = flow.institution
    institution.refresh_from_db()
    assert institution.status == InstitutionStatus.NORMAL  # decided is not yet in force
    case = A.do_serve_decision(case, by=flow.investigator, service=flow.direct())
    institution.refresh_from_db()
    assert institution.status == InstitutionStatus.ENROLMENT_STOPPED
    assert institution.licence_expires < case.served_on
    assert institution.licence_events.get().kind == "revoked"
    entries = JournalEntry.objects.filter(object_type="registry.institution", object_id=str(institution.pk))
    assert entries.get(action="registry.status_changed").changes["source"] == f"cases.case:{case.pk}"
    assert case.decision_number in entries.get(action="registry.licence_revoked").changes["note"]


def _inspected_with_a_photo(lead_user, head):
    task = started_task(lead_user=lead_user, head=head)
    record = fill_record(task.draft_record(), by=lead_user)
    inspections.do_submit_record(record, by=lead_user)
    photo = evidence.store(image_file(), owner=task, by=lead_user, kind="photo", description="现场照片")
    task.refresh_from_db()
    return task, photo


def test_a_referral_carries_the_inspection_record_and_photos_so_the_case_can_conclude(flow):
    lead_user = flow.investigator
    task, photo = _inspected_with_a_photo(lead_user, flow.head)
    outcome = inspections.do_record_outcome(
        task.institution,
        kind="violation",
        task=task,
        by=flow.head,
        legal_basis="《校外培训行政处罚暂行办法》第二十条",
        reason="超出许可范围开展学科类培训。",
    )
    from eduenforce.cases import carry
    from eduenforce.cases.models import CaseLead
    from eduenforce.cases.tests.factories import ALL_CONDITIONS, violation

    lead = CaseLead.objects.get(number=outcome.lead_number)
    team = carry.proposed_officers(lead)
    assert team == task.team  # the officers carry into the case
    case = A.do_open_filing_review(
        lead,
        by=lead_user,
        cause="超出许可范围开展培训",
        summary=lead.summary,
        officers=team,
        conditions=ALL_CONDITIONS,
        violation=violation("53-20"),
    )
    assert case.institution == task.institution and case.party_name == task.institution.name
    files_before = EvidenceFile.objects.count()
    case = A.do_approve_filing(case, by=flow.head)
    carried = {e.source_ref: e for e in case.evidence.all()}
    record = task.current_record()
    assert carried[f"inspections.inspectionrecord:{record.pk}"].sha256 == record.content_sha256
    assert carried[f"inspections.inspectionrecord:{record.pk}"].kind == EvidenceKind.SITE_RECORD
    assert (
        carried[f"records.evidencefile:{photo.pk}"].sha256 == photo.sha256
    )  # the same file, not re-uploaded
    assert EvidenceFile.objects.count() == files_before  # the same files, not re-uploaded
    assert photo.custody.filter(action=CustodyAction.TRANSFERRED).exists()
    # No 询问笔录 made in the case itself: the carried 现场检查笔录 is enough to 调查终结.
    assert not case.records.exists()
    A.do_order_correction(
        case, by=lead_user, content="立即停止", deadline=timezone.localdate() + timedelta(days=5)
    )
    A.do_record_correction(
        case, by=lead_user, corrected=True, verified_on=timezone.localdate(), note="已停止"
    )
    flow.conclude(case, kinds=(), gains=None, confiscation=None, proposed_outcome="minor_no_penalty")
    case.refresh_from_db()
    assert case.status == "concluded"


def test_a_case_from_an_ordinary_lead_still_needs_a_record_to_conclude(flow):
    case = flow.filed("53-20")
    with pytest.raises(Exception, match="尚无询问笔录或现场检查笔录，不能调查终结"):
        flow.conclude(case, kinds=["warning"], gains=None, confiscation=None)


def test_an_officer_without_the_referral_right_and_an_outsider_cannot_refer(flow, client_for, make_user):
    task, _ = _inspected_with_a_photo(flow.investigator, flow.head)
    from django.urls import reverse

    url = reverse("inspections:outcome-create", args=[task.pk])
    assert client_for(flow.colleague).get(url).status_code == 403
    assert client_for(make_user("liaison")).get(url).status_code == 403
    assert client_for(flow.head).get(url).status_code == 200
