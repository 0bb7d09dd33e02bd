"""The apps stand on floors and import only downwards (docs/architecture.md); what a lower app
needs from a higher one goes through a hook (core.hooks) filled in the higher app's ready()."""

import ast
import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured

from eduenforce.core import hooks
from eduenforce.testing import import_graph


@pytest.fixture(scope="module")
def graph():
    return import_graph.build()


def test_no_two_apps_import_each_other_counting_imports_inside_functions(graph):
    found = import_graph.cycles(graph)
    report = "\n".join(
        "cycle: "
        + " → ".join(cycle)
        + "\n"
        + import_graph.describe(graph, zip(cycle, cycle[1:], strict=False))
        for cycle in found
    )
    assert not found, f"import cycles between apps:\n{report}"


def test_every_app_imports_only_apps_on_lower_floors(graph):
    upward = import_graph.upward_edges(graph)
    assert not upward, (
        "imports against the floor order (use a hook, or move the rule to the app that owns it):\n"
        + import_graph.describe(graph, upward)
    )


def test_every_app_has_a_floor():
    assert [app for app in import_graph.apps() if import_graph.floor_of(app) is None] == []


def test_an_import_inside_a_function_counts_as_a_dependency(tmp_path, monkeypatch):
    for app in ("low", "high"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "apps.py").write_text("")
    (tmp_path / "low" / "models.py").write_text(
        "def later():\n    from eduenforce.high.services import thing\n    return thing\n"
    )
    (tmp_path / "high" / "services.py").write_text("from ..low import models\n")
    monkeypatch.setattr(import_graph, "ROOT", tmp_path)
    built = import_graph.build()
    assert built.targets("low") == ["high"]
    assert built.targets("high") == ["low"]
    assert import_graph.cycles(built) == [["high", "low", "high"]]


def test_the_import_walker_sees_relative_and_package_imports():
    tree = ast.parse(
        "from . import choices\nfrom eduenforce.records import journal\nimport eduenforce.core.errors"
    )
    names = [
        name
        for node in ast.walk(tree)
        for name in import_graph._imported(node, "eduenforce.cases.models", False)
    ]
    assert names == ["eduenforce.cases.choices", "eduenforce.records.journal", "eduenforce.core.errors"]


def test_every_declared_hook_is_provided_once_the_apps_are_loaded():
    for app in import_graph.apps():
        if (import_graph.ROOT / app / "hooks.py").exists():
            importlib.import_module(f"eduenforce.{app}.hooks")
    importlib.import_module("eduenforce.core.journal")
    importlib.import_module("eduenforce.core.documents")
    assert hooks.DECLARED
    assert hooks.unprovided() == []


def test_a_hook_nobody_provided_refuses_to_run_rather_than_doing_nothing():
    hook = hooks.Hook(lambda x: x, provider="nobody")
    with pytest.raises(ImproperlyConfigured, match="nobody"):
        hook(1)
    hook.provide(str)
    assert hook(1) == "1"
    with pytest.raises(ImproperlyConfigured, match="already provided"):
        hook.provide(repr)
