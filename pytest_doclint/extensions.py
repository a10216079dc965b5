"""The rules, document formats and packs that plugins add, gathered once for both front ends.

Under pytest the plugin gathers them from pytest's plugin manager, conftest.py files included.
The `doclint` command builds a plugin manager of its own from the installed pytest plugins, so
`doclint docs/` runs the rules `pytest docs/` runs. Nothing here imports pytest: loading the
installed plugins may, as their own modules import it.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pluggy

from pytest_doclint import hookspecs
from pytest_doclint.checks import builtin_rules
from pytest_doclint.core import Rule
from pytest_doclint.core import rule_of
from pytest_doclint.errors import ConfigError
from pytest_doclint.parsers import Format

OWNER = "pytest-doclint"
"""Who a conflict message says registers the built-in rules."""
ENTRY_POINTS = "pytest11"
"""The entry point group of pytest plugins: pytest-doclint's plugins are pytest plugins."""
OWN_ENTRY_POINT = "doclint"
"""The name pytest-doclint's own plugin is registered under, in pytest and in the command."""


@dataclasses.dataclass(frozen=True)
class Extensions:
    """Everything a run may use: the built-in rules and what the plugins add."""

    rules: dict[str, Rule]
    formats: tuple[Format, ...]
    packs: dict[str, Path]


def gather(hook: pluggy.HookRelay) -> Extensions:
    """What every plugin's doclint hooks return; a name two plugins claim raises ConfigError."""
    rules = _gathered(hook, "pytest_doclint_rules", dict(builtin_rules()), _rule_id, "rule")
    rules = {rid: _as_rule(value) for rid, value in rules.items()}
    formats = _gathered(hook, "pytest_doclint_formats", {}, lambda f: f.name, "format")
    packs = _gathered(hook, "pytest_doclint_packs", {}, lambda path: Path(path).stem, "pack")
    return Extensions(
        rules, tuple(formats.values()), {name: Path(path) for name, path in packs.items()}
    )


def _as_rule(value: object) -> Rule:
    """A plugin may return the :class:`Rule` or the check function it marks."""
    marked = value if isinstance(value, Rule) else rule_of(value)
    if marked is None:
        raise ConfigError(
            f"a plugin's pytest_doclint_rules returned {value!r}, which is "
            "neither a Rule nor a function marked with @pytest_doclint.rule"
        )
    return marked


def _rule_id(value: object) -> str:
    return _as_rule(value).id


def _gathered(
    hook: pluggy.HookRelay, name: str, found: dict, key: Callable[[Any], str], what: str
) -> dict:
    """``found`` with what every plugin's hook ``name`` returns, by ``key``."""
    owners = dict.fromkeys(found, OWNER)
    for implementation in getattr(hook, name).get_hookimpls():
        plugin = implementation.plugin_name
        for value in implementation.function() or ():
            claimed = key(value)
            if claimed in owners:
                raise ConfigError(
                    f"plugin {plugin!r} registers {what} `{claimed}`, "
                    f"already registered by {owners[claimed]!r}"
                )
            found[claimed], owners[claimed] = value, plugin
    return found


def installed_plugins(load: bool = True) -> pluggy.PluginManager:
    """A plugin manager holding what pytest loads from entry points (no conftest.py).

    With ``load`` false it holds no plugin: only the built-ins are gathered from it.
    """
    manager = _PluginManager("pytest")  # the project name of pytest.hookimpl and our hookspecs
    manager.add_hookspecs(hookspecs)
    # pytest-doclint's own plugin implements none of the doclint hooks (the built-ins are added
    # by `gather`); loading it would import pytest and register pytest hooks nobody calls here.
    # Blocking its name is what `pytest -p no:doclint` does.
    manager.set_blocked(OWN_ENTRY_POINT)
    if load:
        names = {
            id(_import(entry_point)): entry_point.name
            for entry_point in importlib.metadata.entry_points(group=ENTRY_POINTS)
            if not manager.is_blocked(entry_point.name)
        }
        try:  # pytest's own loader: the plugins it registers, under the names it gives them
            manager.load_setuptools_entrypoints(ENTRY_POINTS)
        except pluggy.PluginValidationError as error:  # a hook spelled with unknown arguments
            # pluggy 1.7 unregisters the plugin before raising: its name is ours to give
            name = names.get(id(error.plugin), getattr(error.plugin, "__name__", "?"))
            raise ConfigError(_cannot_load(repr(name), str(error))) from None
    return manager


def _import(entry_point: importlib.metadata.EntryPoint) -> object:
    """Import a plugin ahead of pluggy, which would let its error out with a traceback that
    does not say which plugin failed; once imported, pluggy's load finds the module."""
    try:
        return entry_point.load()
    except Exception as error:  # any error of a third-party module: name the plugin, then stop
        dist = entry_point.dist
        package = f" (package {dist.name} {dist.version})" if dist is not None else ""
        detail = f"{type(error).__name__}: {error}"
        raise ConfigError(_cannot_load(f"{entry_point.name!r}{package}", detail)) from None


def _cannot_load(plugin: str, detail: str) -> str:
    shown = " ".join(detail.split())  # one line, whatever the error's message holds
    return (
        f"plugin {plugin} cannot be loaded: {shown}; update or uninstall it, or run "
        "doclint --no-plugins to lint with the built-in rules only"
    )


class _PluginManager(pluggy.PluginManager):
    """Reads a plugin as pytest does, so that the command runs every rule pytest runs."""

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> pluggy.HookimplOpts | None:
        """A ``pytest_doclint_*`` function implements its hook even without
        ``@pytest.hookimpl``: pytest takes unmarked ``pytest_*`` functions as hooks."""
        opts = super().parse_hookimpl_opts(plugin, name)
        if opts is not None or not name.startswith("pytest_doclint_"):
            return opts
        if not inspect.isroutine(getattr(plugin, name, None)):
            return None
        return pluggy.HookimplOpts(
            wrapper=False,
            hookwrapper=False,
            optionalhook=False,
            tryfirst=False,
            trylast=False,
            specname=None,
        )
