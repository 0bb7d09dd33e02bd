"""The transition declarations: one per action, each the guard its action runs."""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from eduenforce.core.errors import TransitionNotAllowed
from eduenforce.core.transitions import REGISTRY, Actor, Requirement, Transition

ROOT = Path(__file__).resolve().parents[2]


def _actions_modules():
    """Every ``<app>.actions`` module (or every module of an ``actions`` package)."""
    for app in sorted(p.parent.name for p in ROOT.glob("*/apps.py")):
        spec = f"eduenforce.{app}.actions"
        if not ((ROOT / app / "actions.py").exists() or (ROOT / app / "actions").is_dir()):
            continue
        module = importlib.import_module(spec)
        yield module
        for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
            yield importlib.import_module(f"{spec}.{info.name}")


MODULES = list(_actions_modules())


def _functions():
    for module in MODULES:
        for name, fn in vars(module).items():
            if name.startswith("do_") and inspect.isfunction(fn) and fn.__module__ == module.__name__:
                yield module, fn


def _guards(module, fn) -> set[str]:
    """The names of the transitions an action's body refers to (its guard)."""
    tree = ast.parse(inspect.getsource(fn).lstrip())
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return {vars(module)[n].name for n in names if isinstance(vars(module).get(n), Transition)}


def test_every_declared_transition_is_the_guard_of_the_action_named_after_it():
    actions = {f"{m.__name__.split('.')[1]}.{fn.__name__[3:]}": (m, fn) for m, fn in _functions()}
    unguarded = []
    for name in REGISTRY:
        module, fn = actions.get(name, (None, None))
        if fn is None or name not in _guards(module, fn):
            unguarded.append(name)
    assert not unguarded, f"declared but not the guard of do_<verb> in <app>.actions: {unguarded}"


@pytest.fixture(autouse=True)
def _registry_restored():
    """Transitions declared by a test leave the registry as they found it."""
    kept = dict(REGISTRY)
    yield
    REGISTRY.clear()
    REGISTRY.update(kept)


def _transition(name="tests.sample", **kwargs):
    REGISTRY.pop(name, None)
    kwargs.setdefault("sources", {"draft"})
    return Transition(name, "提交", "cases.investigate", **kwargs)


class _Row:
    class _meta:  # noqa: N801 - the shape of a model's _meta the state refusal reads
        @staticmethod
        def get_field(name):
            return type("F", (), {"flatchoices": [("draft", "草稿"), ("done", "已完成")]})

    def __init__(self, status="draft", owner=None):
        self.status, self.owner = status, owner


def test_a_name_is_declared_once_and_a_capability_must_exist():
    _transition("tests.once")
    with pytest.raises(ValueError):
        Transition("tests.once", "提交", "cases.investigate", {"draft"})
    with pytest.raises(KeyError):
        Transition("tests.typo", "提交", "cases.investigat", {"draft"})


@pytest.mark.django_db
def test_the_refusal_names_the_state_and_the_states_allowed(make_user):
    t = _transition()
    error = t.refusal(_Row("done"), make_user("officer"))
    assert isinstance(error, TransitionNotAllowed)
    assert str(error) == "当前状态为“已完成”，不能提交（仅限：草稿）"


@pytest.mark.django_db
def test_the_role_is_checked_before_the_state_and_the_object_rules_after_it(make_user):
    t = _transition(
        actor=Actor(lambda row, user: row.owner != user.pk, "不能办理自己提交的事项"),
        requires=(Requirement(lambda row: False, "缺少材料", show=True),),
    )
    officer, leader = make_user("officer"), make_user("leader")
    assert isinstance(t.refusal(_Row("done"), leader), PermissionDenied)
    assert str(t.refusal(_Row(owner=officer.pk), officer)) == "不能办理自己提交的事项"
    assert t.blocked_by(_Row(), officer) == "缺少材料" and not t.allowed(_Row(), officer)
    with pytest.raises(TransitionNotAllowed):
        t.check(_Row(), officer)


def test_only_a_transition_the_system_may_take_accepts_no_user():
    assert isinstance(_transition().refusal(_Row(), None), PermissionDenied)
    assert _transition(system=True).allowed(_Row(), None)
