"""Load, validate and merge `doclint.yaml` files, `[tool.doclint]` and the rule packs.

Every layer is validated on its own, so that an error names the file, line and key that
caused it. The modules split the job: :mod:`.keys` (what a config is made of),
:mod:`.reading` (YAML and TOML with the line of every key), :mod:`.validation` (one layer),
:mod:`.store` (which configs and packs apply to a document) and :mod:`.merging` (the
settings of one document). What the rest of the package uses is importable from here.
"""

from __future__ import annotations

from pytest_doclint.config.keys import AUTO_ENCODING
from pytest_doclint.config.keys import CONFIG_NAMES
from pytest_doclint.config.keys import DEFAULT_INCLUDE
from pytest_doclint.config.keys import ENCODINGS
from pytest_doclint.config.keys import ITEM_MODES
from pytest_doclint.config.keys import OVERRIDE_KEYS
from pytest_doclint.config.keys import SEVERITIES
from pytest_doclint.config.keys import TEXT_KEYS
from pytest_doclint.config.keys import TOP_KEYS
from pytest_doclint.config.merging import RuleSetting
from pytest_doclint.config.merging import Settings
from pytest_doclint.config.merging import matches
from pytest_doclint.config.reading import Layer
from pytest_doclint.config.reading import read_pyproject
from pytest_doclint.config.reading import read_text
from pytest_doclint.config.reading import read_yaml
from pytest_doclint.config.store import ConfigStore
from pytest_doclint.config.store import available_packs
from pytest_doclint.config.store import packs_dir
from pytest_doclint.config.validation import validate

__all__ = [
    "AUTO_ENCODING",
    "CONFIG_NAMES",
    "DEFAULT_INCLUDE",
    "ENCODINGS",
    "ITEM_MODES",
    "OVERRIDE_KEYS",
    "SEVERITIES",
    "TEXT_KEYS",
    "TOP_KEYS",
    "ConfigStore",
    "Layer",
    "RuleSetting",
    "Settings",
    "available_packs",
    "matches",
    "packs_dir",
    "read_pyproject",
    "read_text",
    "read_yaml",
    "validate",
]
