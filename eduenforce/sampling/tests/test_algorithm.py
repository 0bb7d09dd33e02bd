"""Algorithm v1 against a written-out test vector, in both implementations: the server's
(``sampling.algorithm``) and the stand-alone ``tools/verify_draw.py`` anyone can run."""

import importlib.util
import json
from decimal import Decimal
from pathlib import Path

import pytest

from eduenforce.sampling import algorithm
from eduenforce.sampling.algorithm import TeamPicker, TeamRule, TeamShortfall
from eduenforce.sampling.verify import first_difference

SCRIPT = Path(__file__).resolve().parents[3] / "tools" / "verify_draw.py"

SEED = "0123456789abcdef" * 4
ENTROPY = "2025-03-03 体彩排列五 8 1 6 2 4"
COMMITMENT = "4b4d6a96cd505afcfc069de88ef3ddc947cbd47e7a5161c9ddf9d637153ccda2"
FINAL = "403e7ab7548083e6c011c20d63b2aa96e48353870b92aacba25e51f3b515141b"
KINDERGARTENS = [
    "911201100000000011",
    "911201100000000022",
    "911201100000000033",
    "911201100000000044",
    "911201100000000055",
    "911201100000000066",
]
TRAINING = ["52120110MJ0000001A", "52120110MJ0000002B", "52120110MJ0000003C", "52120110MJ0000004D"]
# Ranked by SM3(final|幼儿园|code): …011 (03ddb983…), …066 (619dd33d…), …033 (722cef65…), …055, …022, …044.
SELECTED_KINDERGARTENS = ["911201100000000011", "911201100000000066", "911201100000000033"]
SELECTED_TRAINING = ["52120110MJ0000001A", "52120110MJ0000003C"]
BUREAU, FIRE = "教育行政执法大队", "东丽区消防救援支队"
POOL = [
    ("JZ-0001", BUREAU),
    ("JZ-0002", BUREAU),
    ("JZ-0003", BUREAU),
    ("XF-0101", FIRE),
    ("XF-0102", FIRE),
    ("XF-0103", FIRE),
]
# One fire officer first (the required department), then the best-ranked of anyone; at most two
# teams each. …066 has JZ-0002 recused. At …3C, JZ-0001 ranks first but has two teams already.
TEAMS = [
    ["XF-0103", "JZ-0002"],
    ["XF-0101", "JZ-0003"],
    ["XF-0102", "JZ-0001"],
    ["XF-0103", "JZ-0001"],
    ["XF-0102", "XF-0101"],
]


def vector() -> dict:
    order = SELECTED_KINDERGARTENS + SELECTED_TRAINING

    def eligible(code):
        return [
            {"certificate_number": c, "department": d}
            for c, d in POOL
            if not (code == "911201100000000066" and c == "JZ-0002")
        ]

    return {
        "algorithm": "v1",
        "commitment": COMMITMENT,
        "seed": SEED,
        "public_entropy": ENTROPY,
        "final": FINAL,
        "team_size": 2,
        "required_departments": [FIRE],
        "max_assignments_per_officer": 2,
        "strata": [
            {
                "label": "幼儿园",
                "ratio": 0.5,
                "count": None,
                "candidates": KINDERGARTENS,
                "selected": SELECTED_KINDERGARTENS,
            },
            {
                "label": "校外培训机构·警示",
                "ratio": None,
                "count": 2,
                "candidates": TRAINING,
                "selected": SELECTED_TRAINING,
            },
        ],
        "teams": [
            {"credit_code": code, "eligible": eligible(code), "team": team}
            for code, team in zip(order, TEAMS)
        ],
    }


def load_script():
    spec = importlib.util.spec_from_file_location("verify_draw_tool", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_commitment_and_final_value_of_the_vector_are_the_published_sm3_values():
    assert algorithm.commitment_of(SEED) == COMMITMENT
    assert algorithm.final_of(SEED, ENTROPY) == FINAL


def test_a_fixed_seed_and_candidate_set_give_the_known_selection():
    assert algorithm.select(FINAL, "幼儿园", KINDERGARTENS, 3) == SELECTED_KINDERGARTENS
    assert algorithm.select(FINAL, "校外培训机构·警示", TRAINING, 2) == SELECTED_TRAINING


def test_the_selection_does_not_depend_on_the_order_candidates_are_listed_in():
    assert algorithm.select(FINAL, "幼儿园", list(reversed(KINDERGARTENS)), 3) == SELECTED_KINDERGARTENS


def test_the_teams_follow_department_rank_and_workload_rules_of_the_vector():
    picker = TeamPicker(FINAL, TeamRule(2, [FIRE], 2))
    teams = []
    for entry in vector()["teams"]:
        eligible = [algorithm.eligible(e["certificate_number"], e["department"]) for e in entry["eligible"]]
        teams.append(picker.pick(entry["credit_code"], eligible))
    assert teams == TEAMS


def test_the_server_verifier_reproduces_the_whole_vector():
    doc = json.loads(json.dumps(vector()), parse_float=Decimal)
    assert first_difference(doc) is None


def test_the_standalone_script_reproduces_the_whole_vector():
    ok, message = load_script().verify(json.loads(json.dumps(vector()), parse_float=Decimal))
    assert ok, message


@pytest.mark.parametrize(
    "n, ratio, expected",
    [
        (100, "0.07", 7),
        (1_000_000, "0.05", 50_000),
        (7, "0.5", 4),
        (3, "1", 3),
        (0, "0.5", 0),
        (1, "0.0001", 1),
    ],
)
def test_the_ratio_size_is_computed_in_exact_decimals(n, ratio, expected):
    # In binary floating point 100 × 0.07 is 7.000000000000001, whose ceiling would be 8.
    assert algorithm.sample_size(n, Decimal(ratio), None) == expected
    assert load_script().sample_size(n, Decimal(ratio), None) == expected


def test_a_count_larger_than_the_stratum_takes_the_whole_stratum():
    assert algorithm.sample_size(4, None, 10) == 4


def test_a_team_that_lacks_a_required_department_is_a_shortfall_naming_it():
    picker = TeamPicker(FINAL, TeamRule(2, [FIRE], None))
    with pytest.raises(TeamShortfall) as raised:
        picker.pick(
            "911201100000000011",
            [algorithm.eligible("JZ-0001", BUREAU), algorithm.eligible("JZ-0002", BUREAU)],
        )
    assert raised.value.department == FIRE and FIRE in raised.value.describe()


def test_a_team_that_is_too_small_is_a_shortfall_with_the_missing_number():
    picker = TeamPicker(FINAL, TeamRule(3, [], None))
    with pytest.raises(TeamShortfall) as raised:
        picker.pick(
            "911201100000000011",
            [algorithm.eligible("JZ-0001", BUREAU), algorithm.eligible("JZ-0002", BUREAU)],
        )
    assert raised.value.missing == 1 and "还差 1 人" in raised.value.describe()


def test_a_new_seed_is_64_lowercase_hex_characters_and_never_repeats():
    seeds = {algorithm.new_seed() for _ in range(50)}
    assert len(seeds) == 50
    assert all(len(s) == 64 and s == s.lower() and int(s, 16) >= 0 for s in seeds)


@pytest.mark.parametrize(
    "n, k", [(1, 1), (10, 3), (1000, 1), (1000, 50), (1000, 400), (1000, 1000), (5000, 250)]
)
def test_the_fast_selection_equals_a_full_sort(n, k):
    codes = [f"9112011{i:011d}" for i in range(n)]
    expected = [c for _key, c in sorted((algorithm.sm3_hex(f"{FINAL}|层|{c}"), c) for c in codes)[:k]]
    assert algorithm.select(FINAL, "层", codes, k) == expected


def test_the_fast_selection_stays_exact_when_keys_are_not_uniform():
    keys = [b"\xff" * 8 + bytes([i]) for i in range(100)] + [b"\x00" + bytes([i]) for i in range(3)]
    assert algorithm._smallest(list(keys), 10) == sorted(keys)[:10]


def test_the_one_pass_team_rule_agrees_with_the_published_script_under_a_workload_cap():
    import random

    script, rng = load_script(), random.Random(7)
    pool = [{"certificate_number": f"JZ-{i:04d}", "department": BUREAU} for i in range(6)]
    picker, load = TeamPicker(FINAL, TeamRule(2, [], 3)), {}
    for n in range(9):
        code = f"9112011000000{n:05d}"
        eligible = rng.sample(pool, rng.randint(3, 6))
        expected, _problem = script.pick_team(FINAL, code, eligible, 2, [], 3, load)
        if expected is None:
            with pytest.raises(TeamShortfall):
                picker.pick(
                    code, [algorithm.eligible(e["certificate_number"], e["department"]) for e in eligible]
                )
            break
        assert (
            picker.pick(
                code, [algorithm.eligible(e["certificate_number"], e["department"]) for e in eligible]
            )
            == expected
        )
