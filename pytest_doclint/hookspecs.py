"""Extension hooks of pytest-doclint, on pytest's own plugin manager.

A third-party package implements them in a module registered through the ``pytest11`` entry
point, or a project implements them in a ``conftest.py`` at its rootdir. Results of all
plugins are gathered (1:N), as in pluggy's eggsample. The `doclint` command loads the same
entry points into a plugin manager of its own, but no ``conftest.py``.

Use in conftest plugins
=======================

Implement them in the rootdir ``conftest.py``: hooks are gathered when the run is
configured, before any ``conftest.py`` below the rootdir is loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from pytest_doclint.core import Rule
    from pytest_doclint.parsers import Format

hookspec = pluggy.HookspecMarker("pytest")
"""pytest's marker (``pytest.hookspec`` is made the same way), without importing pytest: the
`doclint` command reads these specs too."""


@hookspec
def pytest_doclint_rules() -> Iterable[Rule]:
    """Return rules to add: check functions marked with :func:`pytest_doclint.rule` (or the
    :class:`pytest_doclint.Rule` objects the marker makes). A rule id that another plugin (or
    pytest-doclint itself) already registers stops the run with a message naming both plugins.

    :return: the plugin's rules.
    """


@hookspec
def pytest_doclint_formats() -> Iterable[Format]:
    """Return document formats to add: :class:`pytest_doclint.parsers.Format` objects, each
    a name, the file suffixes it claims and a ``parse(path, source, settings)`` function that
    returns the :class:`pytest_doclint.model.Document` every rule reads.

    :return: the plugin's formats.
    """


@hookspec
def pytest_doclint_packs() -> Iterable[Path]:
    """Return YAML rule packs the plugin ships, as paths to ``<name>.yaml`` files; configs
    then use them by name in ``extends:``. A pack name another plugin already ships stops the
    run with a message naming both plugins.

    :return: paths of the plugin's packs.
    """
