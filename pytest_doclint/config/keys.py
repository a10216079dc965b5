"""The names and values a doclint config is made of: file names, top-level keys, severities."""

from __future__ import annotations

CONFIG_NAMES = ("doclint.yaml", ".doclint.yaml")
SEVERITIES = ("error", "warning", "off")
ITEM_MODES = ("document", "rule")
TOP_KEYS = (
    "extends",
    "include",
    "exclude",
    "items",
    "rules",
    "text",
    "overrides",
    "root",
    "encoding",
)
OVERRIDE_KEYS = ("files", "rules", "text", "encoding")
TEXT_KEYS = (
    "schemes",
    "custom_schemes",
    "max_heading_width",
    "run_in_headings",
    "toc_markers",
    "heading_end_punctuation",
)
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.rst")
MAX_YAML_NODES = 20_000
"""More nodes than any config needs: an alias bomb stops here, before it is expanded."""
MAX_YAML_DEPTH = 50
"""Deeper than any config needs; deeper still, the YAML parser itself would recurse too far."""
AUTO_ENCODING = "auto"
"""`encoding: auto` (the default): detect each document's encoding."""
ENCODINGS = (
    AUTO_ENCODING,
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-32",
    "gb18030",
    "gbk",
    "big5",
    "shift_jis",
    "euc-jp",
    "euc-kr",
    "cp1252",
    "latin-1",
    "cp1251",
)
"""Suggested when a configured encoding is unknown; any text codec Python has is accepted."""
