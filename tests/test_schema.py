"""The config schema: generated from the metadata, checked in, and in agreement with the loader.

Every bad config below is rejected twice, by the JSON Schema (what an editor shows) and by the
loader (what a run reports), and both point at the same line of the file.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from pytest_doclint.checks import builtin_rules
from pytest_doclint.config import OVERRIDE_KEYS
from pytest_doclint.config import TEXT_KEYS
from pytest_doclint.config import TOP_KEYS
from pytest_doclint.config import ConfigStore
from pytest_doclint.config import read_yaml
from pytest_doclint.config import validate
from pytest_doclint.errors import ConfigError
from pytest_doclint.numbering import BUILTIN_SCHEMES
from pytest_doclint.rule_types import RULE_TYPES
from pytest_doclint.rule_types import TYPE_ALIASES
from pytest_doclint.schema import REGENERATE
from pytest_doclint.schema import SCHEMA_PATH
from pytest_doclint.schema import config_schema
from pytest_doclint.schema import schema_text

ROOT = Path(__file__).parent.parent
PACKS = sorted((ROOT / "rules").glob("*.yaml"))
CONFIGS = [
    *PACKS,
    ROOT / "docs" / "doclint.yaml",
    *sorted((ROOT / "tests" / "fixtures").rglob("doclint.yaml")),
]
DOCS_WITH_CONFIGS = [ROOT / "docs" / "configuration.md", ROOT / "docs" / "rule-types.md"]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def schema_error_lines(validator: jsonschema.Draft7Validator, text: str) -> set[int]:
    """The lines that the schema's errors (and the errors inside `oneOf`/`anyOf`) point at."""
    lines = read_yaml(Path("doclint.yaml"), text).lines
    found: set[int] = set()

    def visit(error: jsonschema.ValidationError) -> None:
        paths = [tuple(str(p) for p in error.absolute_path)]
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = error.schema.get("properties", {})
            paths = [(*paths[0], str(key)) for key in error.instance if key not in known]
        for path in paths:
            while path and path not in lines:
                path = path[:-1]
            found.add(lines.get(path, 0))
        for inner in error.context or ():
            visit(inner)

    for error in validator.iter_errors(yaml.safe_load(text)):
        visit(error)
    return found


def load(tmp_path: Path, text: str):
    """The project's own loader: read and validate, then merge (rule ids are known then)."""
    path = tmp_path / "doclint.yaml"
    path.write_text(text, encoding="utf-8")
    store = ConfigStore(tmp_path, builtin_rules())
    layer = store.load(path)
    store.settings_for(path)
    return path, layer


# --- generated, checked in, well-formed -------------------------------------------------------


def test_checked_in_schema_is_up_to_date():
    assert SCHEMA_PATH.is_file(), f"{SCHEMA_PATH} is missing: run `{REGENERATE}`"
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        f"{SCHEMA_PATH} is stale: run `{REGENERATE}` and commit the result"
    )


def test_schema_is_valid_draft_07():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_keys_come_from_the_loader():
    schema = config_schema()
    definitions = schema["definitions"]
    assert list(schema["properties"]) == list(TOP_KEYS)
    assert list(definitions["override"]["properties"]) == list(OVERRIDE_KEYS)
    assert list(definitions["text"]["properties"]) == list(TEXT_KEYS)
    rules = definitions["rules"]["properties"]
    assert list(rules) == list(builtin_rules())
    for rid, rule in builtin_rules().items():
        options = rules[rid]["oneOf"][1]["properties"]
        assert list(options) == ["severity", *(f.name for f in dataclasses.fields(rule.options))]
    for name in RULE_TYPES:
        type_names = definitions[f"rule-type-{name}"]["properties"]["type"]["enum"]
        assert type_names[0] == name
        assert set(type_names[1:]) == {a for a, t in TYPE_ALIASES.items() if t == name}
    scheme_names = definitions["text"]["properties"]["schemes"]["anyOf"][0]
    assert scheme_names["examples"] == list(BUILTIN_SCHEMES)


def test_every_property_has_a_description():
    """Editors show the description on hover and in completion."""
    missing = []

    def visit(node: object, at: str) -> None:
        if isinstance(node, dict):
            for name, prop in (node.get("properties") or {}).items():
                if "$ref" not in prop and not prop.get("description"):
                    missing.append(f"{at}.{name}")
            for key, value in node.items():
                visit(value, f"{at}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                visit(value, f"{at}[{index}]")

    visit(config_schema(), "#")
    assert not missing


# --- what it accepts --------------------------------------------------------------------------


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_packs_and_project_configs_are_valid(validator, path):
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    assert not [e.message for e in validator.iter_errors(data)]
    validate(read_yaml(path, path.read_text(encoding="utf-8")), builtin_rules())


def _doc_configs() -> list:
    """Every YAML block of the config docs, as a config (a bare rule instance goes in `rules`)."""
    cases = []
    for doc in DOCS_WITH_CONFIGS:
        blocks = re.findall(r"^```yaml\n(.*?)^```", doc.read_text(encoding="utf-8"), re.M | re.S)
        for index, block in enumerate(blocks):
            data = yaml.safe_load(block)
            text = (
                block
                if set(data) <= set(TOP_KEYS)
                else "rules:\n" + re.sub(r"^(?=.)", "  ", block, flags=re.M)
            )
            cases.append(pytest.param(text, id=f"{doc.name}-{index + 1}"))
    return cases


DOC_CONFIGS = _doc_configs()


@pytest.mark.parametrize(
    "text", [c.values[0] for c in DOC_CONFIGS], ids=[c.id for c in DOC_CONFIGS]
)
def test_documented_configs_match_the_schema(validator, text):
    assert not [e.message for e in validator.iter_errors(yaml.safe_load(text))]


@pytest.mark.parametrize("text", DOC_CONFIGS)
def test_documented_configs_load(tmp_path, text):
    load(tmp_path, text)


def test_every_option_at_its_default_and_off_as_false(validator, tmp_path):
    lines = ["rules:"]
    for rid, rule in builtin_rules().items():
        severity = "warning" if rule.off_refused else "off"  # YAML 1.1 reads `off` as false
        lines.append(f"  {rid}:\n    severity: {severity}")
        for option in dataclasses.fields(rule.options):
            default = option.default
            if default is dataclasses.MISSING:
                default = option.default_factory()  # type: ignore[misc]
            lines.append(f"    {option.name}: {json.dumps(default, ensure_ascii=False)}")
    lines.append("text:\n  schemes: cn-part")
    text = "\n".join(lines) + "\n"
    assert yaml.safe_load(text)["rules"]["heading-numbering"]["severity"] is False
    assert not [e.message for e in validator.iter_errors(yaml.safe_load(text))]
    load(tmp_path, text)


def test_a_rule_that_cannot_be_off_is_refused_by_schema_and_loader(validator, tmp_path):
    text = "rules:\n  unreadable-document: off\n"
    assert [e.message for e in validator.iter_errors(yaml.safe_load(text))]
    with pytest.raises(ConfigError, match="`unreadable-document` cannot be off"):
        load(tmp_path, text)


def test_a_scheme_name_from_custom_schemes(validator, tmp_path):
    text = (
        "text:\n  schemes: [cn-part, article-en]\n  custom_schemes:\n"
        "    - name: article-en\n      pattern: 'Article (?P<n>\\d+)\\s+'\n"
    )
    assert not [e.message for e in validator.iter_errors(yaml.safe_load(text))]
    load(tmp_path, text)


def test_a_rule_instance_of_every_type(validator):
    """The instance schemas come from rule_types; an alias and `severity: off` are accepted."""
    required = {
        "patterns": ["x"],
        "swap": {"a": "b"},
        "pattern": "x",
        "either": {"a": "b"},
        "headings": ["*"],
    }
    rules = {}
    for name in [*RULE_TYPES, *TYPE_ALIASES]:
        target = RULE_TYPES[TYPE_ALIASES.get(name, name)]
        keys = {f.name for f in dataclasses.fields(target.options) if f.name in required}
        rules[f"my-{name}"] = {"type": name, "severity": False, **{k: required[k] for k in keys}}
    assert not [e.message for e in validator.iter_errors({"rules": rules})]


# --- what it rejects, where -------------------------------------------------------------------

BAD = [
    # id, config, line of the problem, what the loader's message must name
    (
        "unknown-top-key",
        "extends: default\nrulez:\n  toc-matches-body: error\n",
        2,
        r"unknown key `rulez`; did you mean `rules`",
    ),
    (
        "unknown-rule",
        "rules:\n  toc-matches-body: error\n  toc-match-body: warning\n",
        3,
        r"`toc-match-body`",
    ),
    ("bad-severity", "rules:\n  no-empty-sections: warn\n", 2, r"severity `warn`"),
    (
        "bad-severity-in-mapping",
        "rules:\n  heading-numbering:\n    severity: fatal\n",
        3,
        r"severity `fatal`",
    ),
    (
        "unknown-option",
        "rules:\n  no-duplicate-headings:\n    severity: error\n    scopes: document\n",
        4,
        r"`scopes`; did you mean `scope`",
    ),
    (
        "wrong-option-type",
        "rules:\n  toc-matches-body:\n    check_unlisted: true\n    min_level: two\n",
        4,
        r"`min_level` must be a whole number",
    ),
    (
        "moved-option",
        "rules:\n  toc-matches-body:\n    severity: error\n    check_links: false\n",
        4,
        r"`check_links` of toc-matches-body moved to the rule `link-fragments`.*"
        r"set `link-fragments: off`",
    ),
    (
        "bad-choice",
        "rules:\n  no-duplicate-headings:\n    scope: chapter\n",
        3,
        r"`chapter`.*expected one of: siblings, document",
    ),
    (
        "extends-not-string-or-list",
        "root: true\nextends: {pack: default}\n",
        2,
        r"`extends` must be a list of text",
    ),
    (
        "extends-list-of-non-strings",
        "extends:\n  - default\n  - 3\n",
        1,
        r"`extends` must be a list of text",
    ),
    ("items-enum", "root: true\nitems: rules\n", 2, r"unknown item mode `rules`"),
    ("root-not-boolean", "items: rule\nroot: yes please\n", 2, r"`root` must be true or false"),
    ("encoding-not-text", "root: true\nencoding: 8\n", 2, r"`encoding` must be text"),
    (
        "overrides-without-files",
        "root: true\noverrides:\n  - rules:\n      heading-numbering: off\n",
        3,
        r"an override needs `files`",
    ),
    (
        "unknown-override-key",
        "overrides:\n  - files: ['*.md']\n    rule:\n      single-title: off\n",
        3,
        r"unknown key in an override `rule`",
    ),
    (
        "unknown-text-key",
        "text:\n  run_in_headings: false\n  max_width: 60\n",
        3,
        r"unknown text setting `max_width`",
    ),
    (
        "max-heading-width-not-integer",
        "text:\n  max_heading_width: '80'\n",
        2,
        r"`max_heading_width` must be a whole number",
    ),
    (
        "custom-scheme-without-pattern",
        "text:\n  custom_schemes:\n    - name: article-en\n      numeral: arabic\n",
        3,
        r"needs `name` and `pattern`",
    ),
    pytest.param(
        "custom-scheme-bad-numeral",
        "text:\n  custom_schemes:\n    - name: article-en\n"
        "      pattern: 'Article (?P<n>\\d+) '\n      numeral: hex\n",
        5,
        r"`hex`",
        id="custom-scheme-bad-numeral",
    ),
    pytest.param(
        "rule-instance-unknown-type",
        "rules:\n  placeholders:\n    type: forbidden-words\n    patterns: [TODO]\n",
        3,
        r"unknown rule type `forbidden-words`",
        id="rule-instance-unknown-type",
    ),
    pytest.param(
        "rule-instance-missing-required",
        "rules:\n  placeholders:\n    type: pattern\n"
        "    message: 'Placeholder `{match}` left in the text'\n",
        2,
        r"needs `patterns`",
        id="rule-instance-missing-required",
    ),
]
BAD_IDS = [case.id if hasattr(case, "id") else case[0] for case in BAD]


def _values(case):
    return case.values if hasattr(case, "values") else case


@pytest.mark.parametrize("name,text,line,message", [_values(c) for c in BAD], ids=BAD_IDS)
def test_schema_rejects_bad_config_at_its_line(validator, name, text, line, message):
    assert list(validator.iter_errors(yaml.safe_load(text))), f"the schema accepts {name}"
    assert line in schema_error_lines(validator, text)


@pytest.mark.parametrize("name,text,line,message", BAD, ids=BAD_IDS)
def test_loader_rejects_bad_config_at_its_line(tmp_path, name, text, line, message):
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, text)
    error = caught.value
    assert Path(error.path).resolve() == (tmp_path / "doclint.yaml").resolve()
    assert (error.line, re.search(message, error.message) is not None) == (line, True), str(error)


def test_enough_kinds_of_bad_config():
    assert len(BAD) >= 12
