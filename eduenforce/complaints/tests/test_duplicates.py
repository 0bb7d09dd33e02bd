"""Duplicates: complaints about the same institution within 30 days are linked and shown together."""

import pytest

from eduenforce.complaints.tests.factories import InstitutionFactory, days_ago, make_complaint

pytestmark = pytest.mark.django_db


def test_complaints_about_one_institution_within_thirty_days_form_one_group():
    institution = InstitutionFactory()
    first, _ = make_complaint(institution=institution, received_at=days_ago(20))
    second, _ = make_complaint(institution=institution, received_at=days_ago(5))
    third, _ = make_complaint(institution=institution)
    first.refresh_from_db()
    assert first.duplicate_of is None
    assert second.duplicate_of == first and third.duplicate_of == first
    assert list(third.group()) == [first, second, third]


def test_a_complaint_more_than_thirty_days_later_starts_a_new_group():
    institution = InstitutionFactory()
    old, _ = make_complaint(institution=institution, received_at=days_ago(45))
    new, _ = make_complaint(institution=institution)
    assert new.duplicate_of is None and old.duplicates.count() == 0


def test_other_institutions_are_not_linked():
    first, _ = make_complaint(institution=InstitutionFactory())
    other, _ = make_complaint(institution=InstitutionFactory())
    assert other.duplicate_of is None


def test_unregistered_names_are_linked_when_they_are_written_the_same():
    first, _ = make_complaint(institution_name="金桥街道某无证托管班")
    second, _ = make_complaint(institution_name="金桥街道某无证托管班")
    assert second.duplicate_of == first


def test_linking_the_institution_later_joins_the_group_and_merges_groups(section_head):
    institution = InstitutionFactory(name="东丽区乐学培训学校")
    early, _ = make_complaint(institution_name="乐学培训", received_at=days_ago(10))
    late, _ = make_complaint(institution=institution, received_at=days_ago(2))
    assert late.duplicate_of is None
    early.link_institution(institution=institution, by=section_head)
    late.refresh_from_db()
    early.refresh_from_db()
    assert early.duplicate_of is None and late.duplicate_of == early


def test_the_detail_page_shows_the_group_together(client_for, officer):
    institution = InstitutionFactory()
    first, _ = make_complaint(institution=institution, received_at=days_ago(3))
    second, _ = make_complaint(institution=institution)
    html = client_for(officer).get(f"/complaints/{first.pk}/").content.decode()
    group = html.split('data-testid="duplicate-group"')[1].split("</table>")[0]
    assert first.tracking_number in group and second.tracking_number in group
    listing = client_for(officer).get("/complaints/").content.decode()
    assert "重复" in listing
