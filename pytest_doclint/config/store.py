"""Finding the configs and packs that apply to a document, loading each once, and merging
them into its settings: the default pack, then each config from the rootdir down to the
document's folder (its packs first, then its own keys, then its matching ``overrides``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from pytest_doclint.config.keys import CONFIG_NAMES
from pytest_doclint.config.merging import Merged
from pytest_doclint.config.merging import Settings
from pytest_doclint.config.merging import matches
from pytest_doclint.config.reading import Layer
from pytest_doclint.config.reading import read_pyproject
from pytest_doclint.config.reading import read_text
from pytest_doclint.config.reading import read_yaml
from pytest_doclint.config.validation import fail_at
from pytest_doclint.config.validation import unknown_choice
from pytest_doclint.config.validation import validate
from pytest_doclint.core import Rule
from pytest_doclint.parsers import Format


def packs_dir() -> Path:
    """Packs ship inside the wheel (`pytest_doclint/rules`); a source checkout has `rules/`."""
    package = Path(__file__).parent.parent
    installed = package / "rules"
    return installed if installed.is_dir() else package.parent / "rules"


def available_packs() -> list[str]:
    return sorted(p.stem for p in packs_dir().glob("*.yaml"))


class ConfigStore:
    """Loads each config file and pack once; answers "what settings apply to this document"."""

    def __init__(
        self,
        rootdir: Path,
        rules: dict[str, Rule],
        formats: tuple[Format, ...] = (),
        packs: dict[str, Path] | None = None,
    ) -> None:
        self.rootdir = rootdir
        self.rules = rules
        self.formats = formats
        """Formats plugins add: their parsers, and their suffixes in the default `include`."""
        self.packs = packs or {}
        """Packs plugins ship, by name; they are found before the packs of pytest-doclint."""
        self._layers: dict[Path, Layer | None] = {}
        self._extended: set[Path] = set()
        """Pack files a config names in `extends:` by path."""

    def load(self, path: Path) -> Layer | None:
        """The validated layer in ``path`` (a YAML config or pyproject.toml), cached."""
        if path not in self._layers:
            self._layers[path] = None  # a cycle through `extends` finds this placeholder
            if path.name == "pyproject.toml":
                layer = read_pyproject(path)
            else:
                layer = read_yaml(path, read_text(path))
            if layer:
                layer.known_instances = self._instances_known_to(layer)
            self._layers[path] = validate(layer, self.rules) if layer else None
        return self._layers[path]

    def _instances_known_to(self, layer: Layer) -> set[str]:
        """Rule instances a layer may set the severity of: its own, and its packs'."""
        rules = layer.data.get("rules")
        known = (
            {
                str(rid)
                for rid, value in rules.items()
                if isinstance(value, dict) and "type" in value
            }
            if isinstance(rules, dict)
            else set()
        )
        extends = layer.data.get("extends") or []
        for name in (
            [extends] if isinstance(extends, str) else extends if isinstance(extends, list) else []
        ):
            path = self._pack_path(name, layer) if isinstance(name, str) else None
            loaded = self.load(path) if path and path.is_file() else None
            if loaded is not None:  # None also while a cycle is being loaded: reported later
                known |= loaded.known_instances
        return known

    def _pack_path(self, name: str, layer: Layer) -> Path:
        if name in self.packs:
            return self.packs[name]
        candidate = (layer.path.parent / name) if name.endswith((".yaml", ".yml")) else None
        if candidate and candidate.is_file():
            self._extended.add(candidate.resolve())
            return candidate
        return packs_dir() / f"{name}.yaml"

    def is_pack(self, path: Path) -> bool:
        """Whether ``path`` is a rule pack of this run: shipped, a plugin's, or named by path
        in a config's `extends:`. A YAML file is never a pack for its folder's name alone
        (a project's `rules/alerts.yaml` may be anything)."""
        resolved = Path(os.path.realpath(path))  # never raises, even on a symlink loop
        shipped = resolved.parent == packs_dir().resolve() and resolved.suffix == ".yaml"
        plugins = {p.resolve() for p in self.packs.values()}
        return shipped or resolved in plugins or resolved in self._extended

    def configs_for(self, document: Path) -> list[Layer]:
        """Config files that apply to ``document``: outermost first, stopping at `root: true`."""
        found: list[Layer] = []
        for folder in _folders(document.parent, self.rootdir):
            for layer in self._configs_in(folder):
                found.append(layer)
            if found and found[-1].data.get("root"):
                break
        return list(reversed(found))

    def _configs_in(self, folder: Path) -> Iterator[Layer]:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                layer = self.load(folder / name)
                if layer:
                    yield layer
        if folder == self.rootdir and (folder / "pyproject.toml").is_file():
            layer = self.load(folder / "pyproject.toml")
            if layer:
                yield layer

    def pack(self, name: str, layer: Layer, chain: tuple[Path, ...]) -> Layer:
        path = self._pack_path(name, layer)
        if not path.is_file():
            fail_at(layer, ("extends",), unknown_choice(name, available_packs(), "pack"))
        if path in chain:
            cycle = " → ".join(p.name for p in (*chain, path))
            fail_at(layer, ("extends",), f"`extends` makes a cycle: {cycle}")
        loaded = self.load(path)
        assert loaded is not None
        return loaded

    def settings_for(self, document: Path, layers: list[Layer] | None = None) -> Settings:
        """The merged settings for ``document``: default pack, then its configs in order."""
        layers = self.configs_for(document) if layers is None else layers
        merged = Merged()
        default = self.pack("default", Layer(packs_dir() / "default.yaml", {}, {}), ())
        self._apply(merged, default, document, ())
        for layer in layers:
            self._apply(merged, layer, document, ())
        return merged.build(self.rules, self.formats)

    def _apply(self, merged: Merged, layer: Layer, document: Path, chain: tuple[Path, ...]) -> None:
        for name in layer.data.get("extends", []):
            self._apply(
                merged, self.pack(name, layer, (*chain, layer.path)), document, (*chain, layer.path)
            )
        merged.add(layer, layer.data, ())
        for index, override in enumerate(layer.data.get("overrides", [])):
            if matches(document, override["files"], layer.path.parent):
                merged.add(layer, override, ("overrides", str(index)))


def _folders(start: Path, rootdir: Path) -> Iterator[Path]:
    """``start`` and its parents, up to ``rootdir`` (or the filesystem root if outside it)."""
    folder = start
    while True:
        yield folder
        if folder == rootdir or folder.parent == folder:
            return
        folder = folder.parent
