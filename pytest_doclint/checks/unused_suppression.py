"""unused-suppression: a suppression comment that switches off no finding."""

from __future__ import annotations

from collections.abc import Iterator

from pytest_doclint.core import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document

RULE_ID = "unused-suppression"
"""The id the engine reports unused suppressions under."""


@rule(RULE_ID, "Every suppression comment switches off a finding", formats=("markdown", "rest"))
def unused_suppression(document: Document, options: object) -> Iterator[Finding]:
    """
    ## What it does
    Reports a suppression comment (`doclint-disable`, `doclint-disable-next-line`,
    `doclint-disable-file`) that switches off no finding, and one that names a rule that does
    not exist. A `doclint-enable` comment only ends a range and is never reported.

    Whether a suppression is used depends on the findings of the rules it names, so it is
    judged once they have all run, whatever `--select` or `--ignore` leave out of the report;
    with one test item per rule, the `unused-suppression` item runs the rules the comments
    name. A rule that is `off` finds nothing: a suppression of it is reported.

    ## Why is this bad?
    A suppression outlives the problem it was written for. Once the section is written or
    the heading renamed, the comment stays, and it hides the next real problem at that place
    without anyone noticing.

    ## Example
    ```markdown
    <!-- doclint-disable-next-line no-empty-sections -->
    ## Install

    Run the installer.
    ```

    Use instead:
    ```markdown
    ## Install

    Run the installer.
    ```
    """
    # Whether a suppression is used depends on the other rules' findings, which a check does
    # not see: the engine judges the suppressions after the rules have run (engine.lint).
    yield from ()
