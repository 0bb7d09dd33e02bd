"""Algorithm v2 against the database: the commitment freezes and publishes the pool, the draw
uses that pool whatever the registers say afterwards, refuses entropy that is not the announced
source's value, and needs every party's committed share."""

import hashlib
import json
from datetime import date

import pytest
import time_machine

from eduenforce.core.errors import DomainError
from eduenforce.sampling import actions, v2
from eduenforce.sampling.choices import DrawStatus
from eduenforce.sampling.models import Draw, DrawDocument
from eduenforce.sampling.tests import scenario
from eduenforce.sampling.tests.factories import ConflictFactory, InstitutionFactory
from eduenforce.sampling.verify import first_difference, parse, verify_draw

pytestmark = pytest.mark.django_db


def test_registry_changes_after_the_commitment_do_not_change_who_is_drawn(section_head):
    kindergartens = scenario.institutions(6)
    bureau = scenario.officers(3)
    draw = scenario.committed(scenario.plan(), section_head)
    frozen = json.loads(draw.pool.data)
    # After the commitment: a new kindergarten, a candidate closed, a new conflict, a new officer.
    newcomer = InstitutionFactory()
    kindergartens[0].status = "deregistered"
    kindergartens[0].save()
    ConflictFactory(officer=bureau[0], institution=kindergartens[1])
    scenario.officers(2)
    with time_machine.travel(scenario.DRAW_DAY, tick=False):
        done = actions.do_run_draw(draw, by=section_head, public_entropy="8 1 6 2 4")
    doc = parse(done.document.data)
    assert doc["pool"] == frozen
    candidates = doc["pool"]["strata"][0]["candidates"]
    assert newcomer.credit_code not in candidates and kindergartens[0].credit_code in candidates
    assert sorted(candidates) == sorted(i.credit_code for i in kindergartens)
    assert first_difference(doc) is None and verify_draw(done).ok


def test_the_portal_publishes_the_frozen_pool_with_its_hash_before_the_draw(client, section_head):
    scenario.institutions(4)
    scenario.officers(3)
    draw = scenario.committed(scenario.plan(), section_head)
    page = client.get(f"/portal/draws/{draw.public_id}/").content.decode()
    assert draw.pool_sm3 in page and f"/portal/draws/{draw.public_id}-pool.json" in page
    assert "排列5" in page and draw.entropy_source["date"] in page and draw.seed not in page
    plan_page = client.get(f"/portal/draws/plans/{draw.plan.public_id}/").content.decode()
    assert draw.pool_sm3 in plan_page
    response = client.get(f"/portal/draws/{draw.public_id}-pool.json")
    assert response.status_code == 200 and response.content == draw.pool.data
    assert hashlib.new("sm3", response.content).hexdigest() == draw.pool_sm3 == response["X-Content-SM3"]
    InstitutionFactory()  # a registry change after the commitment does not touch the published pool
    assert client.get(f"/portal/draws/{draw.public_id}-pool.json").content == response.content
    pool = json.loads(response.content)
    assert {"certificate_number", "department", "street", "cap"} == set(pool["officers"][0])
    assert "name" not in json.dumps(pool["officers"])


@pytest.mark.parametrize(
    "entropy", ["20250406 上证指数收盘价", "8 1 6 2", "81624", "", "3342.01"], ids=lambda e: e or "empty"
)
def test_entropy_that_is_not_the_announced_sources_value_is_refused(section_head, entropy):
    scenario.institutions(2)
    scenario.officers(2)
    draw = scenario.committed(scenario.plan(), section_head)
    with time_machine.travel(scenario.DRAW_DAY, tick=False), pytest.raises(DomainError) as refused:
        actions.do_run_draw(draw, by=section_head, public_entropy=entropy)
    assert refused.value.field == "public_entropy" and "排列5" in refused.value.message
    assert Draw.objects.get(pk=draw.pk).status == DrawStatus.COMMITTED and not DrawDocument.objects.exists()


def test_the_draw_waits_for_the_day_of_the_announced_source(section_head):
    scenario.institutions(2)
    scenario.officers(2)
    p = scenario.plan(draw_date=date(2025, 4, 7))
    with time_machine.travel(scenario.COMMIT_DAY, tick=False):
        draw = actions.do_commit(p, by=section_head, entropy_date=date(2025, 4, 7))
    assert draw.entropy_source["date"] == "2025-04-07"
    with (
        time_machine.travel(scenario.COMMIT_DAY, tick=False),
        pytest.raises(DomainError, match="不能提前抽取"),
    ):
        draw.draw_date = date(2025, 4, 1)  # even a draw date already reached waits for the source
        Draw.objects.filter(pk=draw.pk).update(draw_date=date(2025, 4, 1))
        actions.do_run_draw(draw, by=section_head, public_entropy="1 2 3 4 5")


def test_an_entropy_date_not_after_the_commitment_is_refused(section_head):
    with (
        time_machine.travel(scenario.COMMIT_DAY, tick=False),
        pytest.raises(DomainError, match="须晚于公布承诺的今天") as refused,
    ):
        actions.do_commit(scenario.plan(), by=section_head, entropy_date=date(2025, 4, 1))
    assert refused.value.field == "entropy_date" and not Draw.objects.exists()


def joint_plan():
    scenario.institutions(3)
    scenario.officers(2)
    scenario.officers(2, "xf")
    return scenario.plan(kind="joint", team_size=3, required=["xf"])


def test_a_joint_draw_combines_the_bureaus_and_each_partners_committed_share(section_head):
    p = joint_plan()
    draw = scenario.drawn(p, section_head)
    doc = parse(draw.document.data)
    assert [party["party"] for party in doc["parties"]] == ["天津市东丽区教育局", "东丽区消防救援支队"]
    assert doc["parties"][0]["share"] == draw.seed
    shares = [party["share"] for party in doc["parties"]]
    assert doc["final"] == v2.final_of(draw.pool_sm3, shares, draw.entropy_source, "8 1 6 2 4")
    assert first_difference(doc) is None


def test_a_joint_plan_cannot_be_committed_without_each_partners_commitment(section_head):
    with (
        time_machine.travel(scenario.COMMIT_DAY, tick=False),
        pytest.raises(DomainError, match="缺“东丽区消防救援支队”的承诺值"),
    ):
        actions.do_commit(joint_plan(), by=section_head)
    assert not Draw.objects.exists()


def test_a_partner_share_that_does_not_match_its_commitment_is_refused(section_head):
    draw = scenario.committed(joint_plan(), section_head)
    with time_machine.travel(scenario.DRAW_DAY, tick=False), pytest.raises(DomainError) as refused:
        actions.do_run_draw(
            draw, by=section_head, public_entropy="8 1 6 2 4", shares={"东丽区消防救援支队": "0" * 64}
        )
    assert refused.value.field == "shares" and "承诺值不符" in refused.value.message
    assert Draw.objects.get(pk=draw.pk).status == DrawStatus.COMMITTED


def test_a_pool_altered_in_the_database_after_the_commitment_stops_the_draw(section_head):
    import zlib

    from eduenforce.sampling.models import DrawPool

    scenario.institutions(2)
    scenario.officers(2)
    draw = scenario.committed(scenario.plan(), section_head)
    data = json.loads(draw.pool.data)
    data["strata"][0]["candidates"].pop()
    content = v2.canonical(data)
    DrawPool.objects.filter(pk=draw.pool.pk).update(content=zlib.compress(content), sm3=v2.pool_sm3(content))
    draw = Draw.objects.get(pk=draw.pk)
    with (
        time_machine.travel(scenario.DRAW_DAY, tick=False),
        pytest.raises(DomainError, match="冻结的名单已被改动"),
    ):
        actions.do_run_draw(draw, by=section_head, public_entropy="8 1 6 2 4")
