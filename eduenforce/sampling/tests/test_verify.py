"""``verify-draw`` and ``tools/verify_draw.py`` agree with a stored draw and catch a changed
seed, a dropped candidate and a changed selection."""

import json
import subprocess
import sys
import zlib
from io import StringIO

import orjson
import pytest
from django.core.management import call_command

from eduenforce.sampling.models import DrawDocument
from eduenforce.sampling.tests import scenario
from eduenforce.sampling.tests.test_algorithm import SCRIPT
from eduenforce.sampling.verify import first_difference, parse, verify_draw

pytestmark = pytest.mark.django_db


@pytest.fixture
def draw(section_head):
    scenario.institutions(8)
    scenario.officers(4)
    p = scenario.plan(
        strata=[
            {"label": "幼儿园", "kinds": ["kindergarten"], "ratio": "0.5"},
            {"label": "民办学校", "kinds": ["private_school"], "count": 1},
        ]
    )
    scenario.institutions(2, kind="private_school")
    return scenario.drawn(p, section_head, entropy="2 0 2 5 0")


def run_script(tmp_path, content: bytes, *args):
    path = tmp_path / "draw.json"
    path.write_bytes(content)
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(path), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def tamper(draw, change) -> None:
    """Rewrite the stored document (and its stored SM3, as an intruder with database access would)."""
    doc = json.loads(draw.document.data)
    change(doc)
    content = orjson.dumps(doc)
    DrawDocument.objects.filter(pk=draw.document.pk).update(
        content=zlib.compress(content), sm3=DrawDocument.digest(content)
    )
    draw.document.refresh_from_db()


def change_seed(doc):
    doc["parties"][0]["share"] = "f" * 64


def drop_selected_candidate(doc):
    doc["pool"]["strata"][0]["candidates"].remove(doc["strata"][0]["selected"][0])


def swap_selection(doc):
    selected = doc["strata"][0]["selected"]
    selected[0], selected[1] = selected[1], selected[0]


def test_verify_draw_reports_a_match_for_a_stored_draw(draw):
    out = StringIO()
    call_command("verify_draw", draw.public_id, stdout=out)
    assert "一致" in out.getvalue() and "不一致" not in out.getvalue()
    assert verify_draw(draw).ok


def test_the_script_reproduces_the_served_json(draw, tmp_path, client):
    content = client.get(f"/portal/draws/{draw.public_id}.json").content
    result = run_script(tmp_path, content, "--sm3", draw.document.sm3)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "一致：抽取结果可以完全复现" in result.stdout


@pytest.mark.parametrize(
    "change, message",
    [
        (change_seed, "承诺值不符"),
        (drop_selected_candidate, "冻结的名单不符"),
        (swap_selection, "抽中结果不符"),
    ],
)
def test_both_verifiers_detect_a_tampered_draw(draw, tmp_path, change, message):
    tamper(draw, change)
    assert message in first_difference(parse(draw.document.data))
    result = run_script(tmp_path, draw.document.data)
    assert result.returncode == 1 and message in result.stdout


@pytest.mark.parametrize("change", [change_seed, drop_selected_candidate, swap_selection])
def test_verify_draw_exits_with_the_first_difference(draw, change):
    tamper(draw, change)
    err = StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("verify_draw", draw.public_id, stderr=err)
    assert exited.value.code == 1 and "不一致" in err.getvalue()


def test_verify_draw_catches_a_dropped_candidate_that_was_not_selected(draw):
    # Recomputing alone cannot notice it (the selection may not change); the SM3 of the
    # document, journaled at the draw, does.
    doc = json.loads(draw.document.data)
    unselected = next(
        c for c in doc["pool"]["strata"][0]["candidates"] if c not in doc["strata"][0]["selected"]
    )
    tamper(draw, lambda d: d["pool"]["strata"][0]["candidates"].remove(unselected))
    report = verify_draw(draw)
    assert not report.ok and "日志记录的 SM3 不符" in report.problem


def test_the_script_catches_a_file_that_differs_from_the_published_sm3(draw, tmp_path):
    doc = json.loads(draw.document.data)
    doc["public_entropy"] += " "
    result = run_script(tmp_path, orjson.dumps(doc), "--sm3", draw.document.sm3)
    assert result.returncode == 1 and "SM3 与公布值" in result.stdout


def test_verify_draw_catches_tasks_that_no_longer_match_the_teams(draw):
    from eduenforce.inspections.models import TaskMember

    member = TaskMember.objects.filter(task__draw_assignment__draw=draw).first()
    other = scenario.officers(1)[0]
    TaskMember.objects.filter(pk=member.pk).update(officer=other)
    report = verify_draw(draw)
    assert not report.ok and "检查组成员与抽取结果不符" in report.problem


def test_verify_draw_names_an_unknown_draw():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到抽取"):
        call_command("verify_draw", "2099-999-1")


def test_the_script_refuses_an_unreadable_file(tmp_path):
    result = run_script(tmp_path, b"not json")
    assert result.returncode == 2 and "无法读取" in result.stderr
